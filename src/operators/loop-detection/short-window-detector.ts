import { letterValue } from './letter-table.js';
import type { LoopDetection } from './loop-detection.js';
import type { LoopDetectionSettings } from './loop-detection-settings.js';
import { describeRepetition } from './summarise-repetition.js';
import type { TextRing } from './text-ring.js';
import type { WindowChain } from './window-chain.js';

/**
 * The short detector of SEED-SPEC §5.2 (gemini-cli's "TokenWindow"): a window of
 * `contentChunkSize` characters with at least 50 % letters, seen `contentLoopThreshold` times
 * within the last `maxHistoryLength` characters, whose last occurrences lie on average at most
 * 1.5 windows apart, is a loop.
 *
 * Why it is fast: the {@link WindowChain} keeps the occurrence count per window, so the chain of
 * occurrences is only walked once a window has been seen `threshold` times, and the text is only
 * compared (to rule out hash collisions) once the spacing already says "loop". The letter share
 * is counted here, not per character in the detector's loop: ordinary text rarely reaches the
 * threshold, and inside a repetitive stretch the count of the previous window is carried on.
 */
export class ShortWindowDetector {
  private readonly threshold: number;
  private readonly history: number;
  private readonly maxMeanDistance: number;
  /** End position of the window whose letters were last counted (−2: none). */
  private countedEnd = -2;
  private countedLetters = 0;

  constructor(
    private readonly ring: TextRing,
    private readonly chain: WindowChain,
    settings: LoopDetectionSettings,
  ) {
    this.threshold = settings.contentLoopThreshold;
    this.history = settings.maxHistoryLength;
    this.maxMeanDistance = 1.5 * settings.contentChunkSize;
  }

  /** Forgets the letter count (positions restart from 0 when the ring rebases or is cleared). */
  reset(): void {
    this.countedEnd = -2;
  }

  /** Judges the window ending at `position` (the chain has just stepped, the window is full). */
  check(position: number): LoopDetection | undefined {
    const chain = this.chain;
    const window = chain.window;
    if (chain.depth < this.threshold || this.letters(position, window) * 2 < window) return undefined;
    // A window is remembered while it starts within the last `history` characters.
    const oldestEnd = Math.max(this.ring.validFrom, position + 1 - this.history) + window - 1;
    const occurrences: number[] = [position];
    let current = position;
    for (let count = 1; count < this.threshold; count += 1) {
      current = chain.links[current & this.ring.mask];
      if (current < oldestEnd) return undefined;
      occurrences.push(current);
    }
    if ((position - current) / (this.threshold - 1) > this.maxMeanDistance) return undefined;
    const start = position - window + 1;
    for (const end of occurrences) {
      if (!this.ring.equal(end - window + 1, start, window)) return undefined; // a hash collision
    }
    const text = this.ring.slice(start, position + 1);
    return describeRepetition(this.ring, current - window + 1, position + 1, text, this.threshold);
  }

  /**
   * Letters in the window ending at `position`. Positions address the same characters until the
   * ring rebases (which calls `reset`), so the previous window's count can be slid by one.
   */
  private letters(position: number, window: number): number {
    const codes = this.ring.codes;
    const mask = this.ring.mask;
    let letters = this.countedLetters;
    if (this.countedEnd === position - 1) {
      letters += letterValue(codes[position & mask]) - letterValue(codes[(position - window) & mask]);
    } else {
      letters = 0;
      for (let at = position - window + 1; at <= position; at += 1) letters += letterValue(codes[at & mask]);
    }
    this.countedEnd = position;
    this.countedLetters = letters;
    return letters;
  }
}
