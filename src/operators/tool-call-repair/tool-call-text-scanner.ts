import { BracketScanner, toolCallFirstKeys } from './bracket-scanner.js';
import type { CandidateKind, CandidateScanner } from './candidate-scanner.js';
import type { DetectedToolCall, ScanEvent } from './detected-tool-call.js';
import { detectDirectiveToolCall } from './detect-directive-tool-call.js';
import { detectFencedToolCall } from './detect-fenced-tool-call.js';
import { detectJsonToolCall } from './detect-json-tool-call.js';
import { detectTaggedToolCall } from './detect-tagged-tool-call.js';
import { DirectiveScanner } from './directive-scanner.js';
import { FenceScanner } from './fence-scanner.js';
import { TagScanner } from './tag-scanner.js';
import { utf8CodeUnitBytes } from './utf8-byte-length.js';

/** Collects scan events, merging adjacent text and dropping empty text. */
class EventList {
  readonly events: ScanEvent[] = [];

  text(text: string): void {
    if (text === '') return;
    const last = this.events[this.events.length - 1];
    if (last?.kind === 'text') this.events[this.events.length - 1] = { kind: 'text', text: last.text + text };
    else this.events.push({ kind: 'text', text });
  }

  call(call: DetectedToolCall): void {
    this.events.push({ kind: 'call', call });
  }
}

/**
 * Incremental text → tool-call scanner for one text block. Text that cannot start a tool call
 * is handed on at once; only a candidate span (from `{`, a fence, `<tool_call>`/`<declared_name>`,
 * or a line starting `TOOL CALL:`/`Function call:`) is held, at most `capBytes` of it. Every
 * decision is made per character, so the result never depends on how the text was split.
 *
 * @example
 * const scanner = new ToolCallTextScanner(['f'], 65536);
 * scanner.push('Sure. {"name": "f", "argu'); // [{ kind: 'text', text: 'Sure. ' }]
 * scanner.push('ments": {}} Done');          // [{ kind: 'call', … }, { kind: 'text', text: ' Done' }]
 */
export class ToolCallTextScanner {
  private candidate: CandidateScanner | undefined;
  private heldPieces: string[] = [];
  private heldBytes = 0;
  private lineStart = true;
  private inFence = false;
  private fenceTicks = 0;
  private readonly openers: readonly string[];

  constructor(
    private readonly allowedTools: readonly string[],
    private readonly capBytes: number,
  ) {
    this.openers = ['<tool_call>', ...allowedTools.map((name) => `<${name}>`)];
  }

  /** Feeds the next piece of text; returns what can be handed on now. */
  push(text: string): ScanEvent[] {
    const out = new EventList();
    if (this.allowedTools.length === 0) {
      out.text(text);
      return out.events;
    }
    let from = 0; // start of the pending plain text, or of the held part of `text`
    let index = 0;
    while (index < text.length) {
      const char = text[index];
      const candidate = this.candidate;
      if (candidate === undefined) {
        const started = this.startCandidate(char);
        if (started !== undefined) {
          out.text(text.slice(from, index));
          from = index;
          this.candidate = started;
          this.heldBytes = utf8CodeUnitBytes(text.charCodeAt(index));
          started.push(char);
        } else {
          this.notePlain(char);
        }
        index++;
        continue;
      }
      const bytes = utf8CodeUnitBytes(text.charCodeAt(index));
      if (this.heldBytes + bytes > this.capBytes) {
        this.release(out, text.slice(from, index));
        from = index;
        continue; // re-read this character as plain text
      }
      const step = candidate.push(char);
      if (step === 'more') {
        this.heldBytes += bytes;
        index++;
      } else if (step === 'complete' || step === 'complete-before') {
        if (step === 'complete') index++;
        this.settle(out, candidate.kind, text.slice(from, index));
        from = index;
      } else {
        this.release(out, text.slice(from, index));
        if (step === 'reject-to-fence') this.inFence = true;
        from = index;
      }
    }
    if (this.candidate !== undefined) this.heldPieces.push(text.slice(from));
    else out.text(text.slice(from));
    return out.events;
  }

  /** The text block ended: settles or releases the held span and resets for the next block. */
  end(): ScanEvent[] {
    const out = new EventList();
    const candidate = this.candidate;
    if (candidate !== undefined) {
      if (candidate.end() === 'complete') this.settle(out, candidate.kind, '');
      else this.release(out, '');
    }
    this.lineStart = true;
    this.inFence = false;
    this.fenceTicks = 0;
    return out.events;
  }

  /** Drops whatever is held (teardown). */
  reset(): void {
    this.candidate = undefined;
    this.heldPieces = [];
    this.heldBytes = 0;
  }

  private startCandidate(char: string): CandidateScanner | undefined {
    if (this.inFence || utf8CodeUnitBytes(char.charCodeAt(0)) > this.capBytes) return undefined;
    if (char === '{') return new BracketScanner(toolCallFirstKeys);
    if (char === '`') return new FenceScanner();
    if (char === '<') return new TagScanner(this.openers);
    if (this.lineStart && (char === 't' || char === 'T' || char === 'f' || char === 'F')) {
      return new DirectiveScanner(this.allowedTools);
    }
    return undefined;
  }

  /** Tracks line starts (for directives) and the closing ``` of an opaque fence. */
  private notePlain(char: string): void {
    if (this.inFence) {
      this.fenceTicks = char === '`' ? this.fenceTicks + 1 : 0;
      if (this.fenceTicks === 3) {
        this.inFence = false;
        this.fenceTicks = 0;
      }
    }
    if (char === '\n') this.lineStart = true;
    else if (char !== ' ' && char !== '\t') this.lineStart = false;
  }

  private takeHeld(tail: string): string {
    const held = this.heldPieces.join('') + tail;
    this.reset();
    return held;
  }

  private release(out: EventList, tail: string): void {
    const held = this.takeHeld(tail);
    out.text(held);
    const lastVisible = held.replace(/[ \t]+$/, '');
    if (lastVisible !== '') this.lineStart = lastVisible.endsWith('\n');
  }

  private settle(out: EventList, kind: CandidateKind, tail: string): void {
    const span = this.heldPieces.join('') + tail;
    const call = detect(kind, span, this.allowedTools);
    if (call === undefined) {
      this.release(out, tail);
      return;
    }
    this.reset();
    out.call(call);
    this.lineStart = false;
  }
}

function detect(kind: CandidateKind, span: string, allowedTools: readonly string[]): DetectedToolCall | undefined {
  switch (kind) {
    case 'json':
      return detectJsonToolCall(span, allowedTools);
    case 'fence':
      return detectFencedToolCall(span, allowedTools);
    case 'tag':
      return detectTaggedToolCall(span, allowedTools);
    case 'directive':
      return detectDirectiveToolCall(span, allowedTools);
  }
}
