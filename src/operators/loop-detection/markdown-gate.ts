/** What the gate decides for one character. */
export const GateAction = {
  /** Feed the character to the detectors. */
  Analyse: 0,
  /** Do not analyse (inside a code block, or on a fence line). */
  Skip: 1,
  /** Reset the detectors, then skip the character. */
  ResetAndSkip: 2,
  /** Feed the character (a newline), then reset: the line it ends was a divider. */
  AnalyseThenReset: 3,
} as const;

export type GateAction = (typeof GateAction)[keyof typeof GateAction];

const backtick = 0x60;
const newline = 0x0a;

/** Divider characters: `-`, `=`, `_`, `*`, `~` and the box-drawing block U+2500–U+257F. */
function isDividerCode(code: number): boolean {
  return code === 0x2d || code === 0x3d || code === 0x5f || code === 0x2a || code === 0x7e || (code >= 0x2500 && code <= 0x257f);
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d;
}

/**
 * A per-character markdown line scanner (SEED-SPEC §5.2 "extra rules"): a line starting with
 * ``` toggles "inside code", where nothing is analysed, and resets tracking; a line made only of
 * divider characters (`---`, `===`, `━━━`, at least three) resets tracking when it ends.
 * Headings, lists and tables do not reset. State is per character, so it does not matter how
 * the text was split into deltas.
 */
export class MarkdownGate {
  private insideCode = false;
  /** Backticks seen at the start of this line (−1 once the line has anything else). */
  private fenceTicks = 0;
  /** The rest of this line belongs to a fence (the info string, e.g. `typescript`). */
  private fenceLine = false;
  private dividerLine = true;
  private dividerCount = 0;

  reset(): void {
    this.insideCode = false;
    this.startLine();
  }

  /**
   * True in the middle of an ordinary prose line, where every character but a newline is simply
   * analysed: lets the caller skip `classify` for most characters.
   */
  plain = false;

  classify(code: number): GateAction {
    if (code === newline) {
      const divider = !this.insideCode && !this.fenceLine && this.dividerLine && this.dividerCount >= 3;
      const skipped = this.insideCode || this.fenceLine;
      this.startLine();
      if (skipped) return GateAction.Skip;
      return divider ? GateAction.AnalyseThenReset : GateAction.Analyse;
    }
    if (this.fenceLine) return GateAction.Skip;
    if (this.fenceTicks >= 0) {
      if (code === backtick) {
        this.fenceTicks += 1;
        if (this.fenceTicks === 3) {
          this.insideCode = !this.insideCode;
          this.fenceLine = true;
          return GateAction.ResetAndSkip;
        }
      } else if (!isBlank(code) || this.fenceTicks > 0) {
        this.fenceTicks = -1;
      }
    }
    if (this.dividerLine) {
      if (isDividerCode(code)) this.dividerCount += 1;
      else if (!isBlank(code)) this.dividerLine = false;
    }
    this.plain = !this.insideCode && this.fenceTicks < 0 && !this.dividerLine;
    return this.insideCode ? GateAction.Skip : GateAction.Analyse;
  }

  private startLine(): void {
    this.plain = false;
    this.fenceTicks = 0;
    this.fenceLine = false;
    this.dividerLine = true;
    this.dividerCount = 0;
  }
}
