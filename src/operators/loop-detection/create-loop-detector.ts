import { LongPatternDetector } from './long-pattern-detector.js';
import type { LoopDetection } from './loop-detection.js';
import type { LoopDetectionSettings } from './loop-detection-settings.js';
import { GateAction, MarkdownGate } from './markdown-gate.js';
import { ShortWindowDetector } from './short-window-detector.js';
import { TextRing } from './text-ring.js';
import { WindowChain } from './window-chain.js';

const newline = 0x0a;

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
  /** Like `reset()`, and also empties the hash tables: the detector is then as good as new. */
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
  const rebaseAt = 2 ** 30;
  const threshold = settings.contentLoopThreshold;

  const resetTracking = (): void => {
    ring.reset();
    chain.reset();
    long.reset();
  };

  const analyse = (code: number): LoopDetection | undefined => {
    if (ring.position >= rebaseAt) {
      // Positions are int32 in the tables: start again from 0 once in a billion characters.
      ring.position = 0;
      resetTracking();
      chain.clear();
    }
    const position = ring.position;
    ring.codes[position & ring.mask] = code;
    ring.position = position + 1;
    const windowFull = chain.step(position, code);
    const detection = windowFull && chain.depth >= threshold ? short.check(position) : undefined;
    if (detection !== undefined || (long.idle && chain.previous < 0)) return detection;
    return long.step(position, code, windowFull);
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
      ring.position = 0;
      resetTracking();
      chain.clear();
      gate.reset();
    },
    push(text: string): LoopDetection | undefined {
      for (let index = 0; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        // Most characters sit mid-line in prose: skip the gate's line bookkeeping for them.
        const action = gate.plain && code !== newline ? GateAction.Analyse : gate.classify(code);
        if (action === GateAction.Skip) continue;
        if (action === GateAction.ResetAndSkip) {
          resetTracking();
          continue;
        }
        const detection = analyse(code);
        if (detection !== undefined) {
          consumed = index + 1;
          resetTracking();
          gate.reset();
          return detection;
        }
        if (action === GateAction.AnalyseThenReset) resetTracking();
      }
      consumed = text.length;
      return undefined;
    },
  };
}
