import { LongPatternDetector } from './long-pattern-detector.js';
import type { LoopDetection } from './loop-detection.js';
import type { LoopDetectionSettings } from './loop-detection-settings.js';
import { GateAction, MarkdownGate } from './markdown-gate.js';
import { ShortWindowDetector } from './short-window-detector.js';
import { TextRing } from './text-ring.js';
import { WindowChain, windowHashBase, windowSlotMultiplier } from './window-chain.js';

const newline = 0x0a;
/** Positions are int32 in the tables: start again from 0 once in a billion characters. */
const rebaseAt = 2 ** 30;

/** An incremental content loop detector for one stream. */
export interface LoopDetector {
  /**
   * Analyses the next piece of visible text. Returns the first loop found in it, and stops
   * reading that text there (see {@link LoopDetector.consumed}); after a detection the detector
   * starts afresh, as after `reset()`.
   */
  push(text: string): LoopDetection | undefined;
  /** Forgets everything (history, code-block state). */
  reset(): void;
  /** Like `reset()`, and also forgets the text seen: the detector is then as good as new (for streams under 2^29 characters). */
  clear(): void;
  /** How many characters of the last `push` were read: all of them unless a loop was found. */
  readonly consumed: number;
}

/**
 * Creates the hybrid loop detector of SEED-SPEC §5.2: a short-window detector (repeated
 * `contentChunkSize`-character windows) and a long-pattern detector (100…`maxPatternLength`
 * characters repeated three times), behind a markdown gate that skips code blocks and resets on
 * fences and divider lines. Pure and synchronous; the result depends only on the characters,
 * never on how they were split across `push` calls. Work per character is O(1) on ordinary text.
 *
 * @example
 * const detector = createLoopDetector(defaultLoopDetectionSettings);
 * detector.push('Loading... '.repeat(20)); // { pattern: 'Loading... ', repetitions: 13, … }
 */
export function createLoopDetector(settings: LoopDetectionSettings): LoopDetector {
  const ring = new TextRing(2 * Math.max(settings.bufferSize, settings.maxHistoryLength + settings.contentChunkSize));
  const gate = new MarkdownGate();
  const chain = new WindowChain(ring, settings.contentChunkSize, 4 * settings.bufferSize, settings.maxHistoryLength);
  const short = new ShortWindowDetector(ring, chain, settings);
  const long = new LongPatternDetector(ring, chain, settings);
  let consumed = 0;
  const threshold = settings.contentLoopThreshold;

  const resetTracking = (): void => {
    ring.reset();
    chain.reset();
    short.reset();
    long.reset();
  };

  /** The detectors' part of one character, after the chain has stepped at `position`. */
  const judge = (position: number, code: number, windowFull: boolean): LoopDetection | undefined => {
    const detection = windowFull && chain.depth >= threshold ? short.check(position) : undefined;
    if (detection !== undefined || (long.idle && chain.previous < 0)) return detection;
    return long.step(position, code, windowFull);
  };

  const analyse = (code: number): LoopDetection | undefined => {
    if (ring.position >= rebaseAt) {
      ring.position = 0;
      resetTracking();
      chain.clear();
    }
    const position = ring.position;
    ring.codes[position & ring.mask] = code;
    ring.position = position + 1;
    return judge(position, code, chain.step(position, code));
  };

  /** Ends a `push` at a loop: `read` characters of its text were analysed; start afresh. */
  const found = (detection: LoopDetection, read: number): LoopDetection => {
    consumed = read;
    resetTracking();
    gate.reset();
    return detection;
  };

  return {
    get consumed() {
      return consumed;
    },
    reset() {
      resetTracking();
      gate.reset();
    },
    clear() {
      // Emptying the hash table and links (about 150 KB) was the largest cost of a short answer.
      // Instead positions keep growing: what they remember then ends before `validFrom`, or is a
      // link at least a ring older, and is not followed (see `WindowChain.clear`). The next
      // stream starts at a multiple of the ring's size, so steps that depend on the position
      // (every 4th character proposes lags) fall as they would from 0. Near the rebase point,
      // the tables are emptied and positions start at 0 again.
      const start = Math.ceil(ring.position / ring.size) * ring.size;
      if (start <= rebaseAt / 2) {
        ring.position = start;
      } else {
        ring.position = 0;
        chain.clear();
      }
      resetTracking();
      gate.reset();
    },
    push(text: string): LoopDetection | undefined {
      const length = text.length;
      let index = 0;
      while (index < length) {
        if (gate.plain && long.idle && ring.position - chain.window >= ring.validFrom && ring.position + length - index < rebaseAt) {
          // The fast loop, for the middle of a prose line: the gate lets every character but a
          // newline through, the long detector follows no lag, the window is full and no rebase
          // is due. It is `analyse` with `chain.step` written out and the fields in locals
          // (method calls and `this` loads per character held the detector at ~60 MB/s). It stops
          // at a newline (the gate's business) or after a character the detectors must judge:
          // a window seen `threshold` times, or an earlier occurrence on a lag-proposing position
          // (any other character leaves an idle long detector as it was, see its `step`).
          // Every value the loop reads is a local, made int32 by `| 0`: module constants and
          // closure variables would be context loads (with hole and Smi checks) per character,
          // and tagged locals would be untagged per character, together costing more than the
          // table work itself.
          const { codes } = ring;
          const { links, depths, table } = chain;
          const mask = ring.mask | 0;
          const window = chain.window | 0;
          const tableShift = chain.tableShift | 0;
          const depthHorizon = chain.depthHorizon | 0;
          const power = chain.power | 0;
          const base = windowHashBase | 0;
          const slotMultiplier = windowSlotMultiplier | 0;
          const depthThreshold = threshold | 0;
          const oldestEarlier = (ring.validFrom + window - 1) | 0;
          let next = ring.position | 0;
          let hash = chain.hash | 0;
          let previous = chain.previous | 0;
          let depth = chain.depth | 0;
          let judged = -1;
          let code = 0;
          for (; index < length; index += 1) {
            code = text.charCodeAt(index);
            if (code === 0x0a) break; // newline
            const position = next;
            next = (position + 1) | 0; // < rebaseAt, never wraps
            codes[position & mask] = code;
            hash = (Math.imul(hash, base) + code - Math.imul(codes[(position - window) & mask], power)) | 0;
            const slot = (Math.imul(hash, slotMultiplier) >>> tableShift) << 1;
            const earlier = table[slot | 1]; // slot is even: `slot | 1` is `slot + 1` without an overflow check
            table[slot | 1] = position;
            if (table[slot] === hash && earlier >= oldestEarlier) {
              previous = earlier;
              // `chain.depthAfter` written out: a call in the loop costs every character.
              const at = earlier & mask;
              const link = links[at];
              depth = earlier <= position - depthHorizon ? 1 : link >= 0 && link > earlier - depthHorizon ? depths[at] + 1 : 2;
              links[position & mask] = earlier;
              depths[position & mask] = depth;
              if (depth >= depthThreshold || (position & 3) === 0) {
                judged = position;
                index += 1;
                break;
              }
            } else {
              table[slot] = hash;
              previous = -1;
              depth = 1;
              if (depthThreshold <= 1) {
                judged = position;
                index += 1;
                break;
              }
            }
          }
          ring.position = next;
          chain.hash = hash;
          chain.previous = previous;
          chain.depth = depth;
          if (judged >= 0) {
            const detection = judge(judged, code, true);
            if (detection !== undefined) return found(detection, index);
            continue;
          }
          if (index === length) break;
        }
        // The general path, one character at a time (it takes the newline the fast loop left).
        const code = text.charCodeAt(index);
        index += 1;
        // Most characters sit mid-line in prose: skip the gate's line bookkeeping for them.
        const action = gate.plain && code !== newline ? GateAction.Analyse : gate.classify(code);
        if (action === GateAction.Skip) continue;
        if (action === GateAction.ResetAndSkip) {
          resetTracking();
          continue;
        }
        const detection = analyse(code);
        if (detection !== undefined) return found(detection, index);
        if (action === GateAction.AnalyseThenReset) resetTracking();
      }
      consumed = length;
      return undefined;
    },
  };
}
