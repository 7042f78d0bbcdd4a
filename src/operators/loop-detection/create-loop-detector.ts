import { LongPatternDetector } from './long-pattern-detector.js';
import type { LoopDetection } from './loop-detection.js';
import type { LoopDetectionSettings } from './loop-detection-settings.js';
import { letterTable, letterValue } from './letter-table.js';
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
  const threshold = settings.contentLoopThreshold;

  const resetTracking = (): void => {
    ring.reset();
    chain.reset();
    long.reset();
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
      // One loop does the per-character work of the gate, the ring and the window chain with
      // their fields in local variables (method calls and `this` loads per character held the
      // detector at ~60 MB/s). The objects are written back before any call that reads them
      // (the short and long detectors, which run rarely on ordinary text) and when `push` returns.
      const codes = ring.codes;
      const mask = ring.mask;
      const { window, links, table, tableShift, power, depthHorizon } = chain;
      let next = ring.position;
      let validFrom = ring.validFrom;
      let hash = chain.hash;
      let letters = chain.letters;
      let previous = chain.previous;
      let depth = chain.depth;
      let plain = gate.plain;
      let longIdle = long.idle;
      const length = text.length;
      for (let index = 0; index < length; index += 1) {
        const code = text.charCodeAt(index);
        let action: GateAction = GateAction.Analyse;
        // Most characters sit mid-line in prose: skip the gate's line bookkeeping for them.
        if (!plain || code === newline) {
          action = gate.classify(code);
          plain = gate.plain;
          if (action === GateAction.Skip) continue;
        }
        if (action !== GateAction.ResetAndSkip) {
          if (next >= rebaseAt) {
            next = 0;
            validFrom = 0;
            ring.validFrom = 0;
            hash = 0;
            letters = 0;
            previous = -1;
            depth = 0;
            long.reset();
            longIdle = true;
            chain.clear();
          }
          // The ring stores the character; the rolling hash and letter count take it in and drop
          // the one leaving the window (every stored code was classified when it came in).
          const position = next;
          next = position + 1;
          codes[position & mask] = code;
          const known = letterTable[code];
          letters += known === 0 ? letterValue(code) : known & 1;
          const outgoing = position - window;
          hash = (Math.imul(hash, windowHashBase) + code) | 0;
          if (outgoing >= validFrom) {
            const outCode = codes[outgoing & mask];
            hash = (hash - Math.imul(outCode, power)) | 0;
            letters -= letterTable[outCode] & 1;
          }
          const windowFull = outgoing + 1 >= validFrom;
          let detection: LoopDetection | undefined;
          if (windowFull) {
            // Look the window up, link it to its previous occurrence and count its depth.
            const slot = (Math.imul(hash, windowSlotMultiplier) >>> tableShift) << 2;
            const earlier = table[slot + 1];
            previous = table[slot] === hash && earlier >= validFrom + window - 1 ? earlier : -1;
            depth = previous >= 0 && previous > position - depthHorizon ? table[slot + 2] + 1 : 1;
            table[slot] = hash;
            table[slot + 1] = position;
            table[slot + 2] = depth;
            links[position & mask] = previous;
            if (depth >= threshold && letters * 2 >= window) {
              ring.position = next;
              chain.letters = letters;
              chain.previous = previous;
              chain.depth = depth;
              detection = short.check(position);
            }
          }
          // An idle long detector only acts when it may propose a lag (see its `step`).
          if (detection === undefined && (!longIdle || (windowFull && previous >= 0 && (position & 3) === 0))) {
            ring.position = next;
            chain.previous = previous;
            detection = long.step(position, code, windowFull);
            longIdle = long.idle;
          }
          if (detection !== undefined) {
            consumed = index + 1;
            ring.position = next;
            resetTracking();
            gate.reset();
            return detection;
          }
        }
        if (action === GateAction.ResetAndSkip || action === GateAction.AnalyseThenReset) {
          validFrom = next;
          ring.validFrom = next;
          hash = 0;
          letters = 0;
          previous = -1;
          depth = 0;
          long.reset();
          longIdle = true;
        }
      }
      ring.position = next;
      chain.hash = hash;
      chain.letters = letters;
      chain.previous = previous;
      chain.depth = depth;
      consumed = length;
      return undefined;
    },
  };
}
