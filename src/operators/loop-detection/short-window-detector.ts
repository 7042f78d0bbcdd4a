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
 * compared (to rule out hash collisions) once the spacing already says "loop".
 */
export class ShortWindowDetector {
  private readonly threshold: number;
  private readonly history: number;
  private readonly maxMeanDistance: number;

  constructor(
    private readonly ring: TextRing,
    private readonly chain: WindowChain,
    settings: LoopDetectionSettings,
  ) {
    this.threshold = settings.contentLoopThreshold;
    this.history = settings.maxHistoryLength;
    this.maxMeanDistance = 1.5 * settings.contentChunkSize;
  }

  /** Judges the window ending at `position` (the chain has just stepped). */
  check(position: number): LoopDetection | undefined {
    const chain = this.chain;
    if (chain.depth < this.threshold || chain.letters * 2 < chain.window) return undefined;
    const window = chain.window;
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
}
