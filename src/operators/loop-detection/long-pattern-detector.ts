import { hasLetterOrDigit } from './letter-table.js';
import type { LoopDetection } from './loop-detection.js';
import { minimumLongPatternLength, type LoopDetectionSettings } from './loop-detection-settings.js';
import { LagRuns } from './lag-runs.js';
import { describeRepetition } from './summarise-repetition.js';
import type { TextRing } from './text-ring.js';
import type { WindowChain } from './window-chain.js';

/** How far back one lookup follows the chain of earlier occurrences. */
const chainSteps = 8;

/**
 * The long detector of SEED-SPEC §5.2: a pattern of `minimumLongPatternLength`…`maxPatternLength`
 * characters occurring three times, non-overlapping, within 2 × length × 3 characters, all within
 * the last `bufferSize` characters.
 *
 * The seed runs Rabin–Karp for every pattern length over the whole buffer at each analysis
 * (O(buffer × lengths)). Here the shared {@link WindowChain} (a rolling hash of the last
 * `contentChunkSize` characters with an occurrence chain) proposes *lags*
 * (distances to earlier copies of the current text); each lag then keeps a run length — how many
 * characters in a row equal the character `lag` earlier — updated by one comparison per character.
 * Every analysis question becomes arithmetic on (lag, run) pairs:
 * - a tandem loop (P P P …) is one lag whose run covers three copies of a unit of 100–500
 *   characters (a short period counts through its multiples, so `x = 1;` × 40 is still caught);
 * - three scattered copies are two lags d1 < d2 whose runs both cover a pattern S with
 *   |S| ≤ d1, |S| ≤ d2 − d1 and d2 + |S| ≤ 6 |S|.
 * Patterns made only of punctuation or spaces (`-----`, `│ │ │`) never count.
 */
export class LongPatternDetector {
  private readonly minimum: number;
  private readonly maximum: number;
  private readonly buffer: number;
  private readonly interval: number;
  private readonly lags = new LagRuns(16);
  private sinceCheck = 0;

  constructor(
    private readonly ring: TextRing,
    private readonly chain: WindowChain,
    settings: LoopDetectionSettings,
  ) {
    this.maximum = settings.maxPatternLength;
    this.minimum = Math.min(minimumLongPatternLength, this.maximum);
    this.buffer = settings.bufferSize;
    this.interval = settings.analysisInterval;
  }

  /** No lag is being followed: a character without an earlier window occurrence needs no step. */
  get idle(): boolean {
    return this.lags.count === 0;
  }

  reset(): void {
    this.sinceCheck = 0;
    this.lags.clear();
  }

  /** Takes the character at `position`; `windowFull` says whether the chain has stepped. */
  step(position: number, code: number, windowFull: boolean): LoopDetection | undefined {
    const ring = this.ring;
    const lags = this.lags;
    if (lags.count > 0) {
      // A qualifying run is about to break: judge the text as it stood one character ago.
      if (lags.breaksLongRun(ring, position, code, this.minimum)) {
        const detection = this.analyse(position - 1);
        if (detection !== undefined) return detection;
      }
      lags.advance(ring, position, code);
    }

    // Every 4th character is enough to find a lag: a repeat that matters is ≥ 100 long.
    if (windowFull && this.chain.previous >= 0 && (position & 3) === 0) this.propose(position);

    // Analyses only matter while lags are followed; count the interval from the first one.
    if (lags.count === 0) {
      this.sinceCheck = 0;
      return undefined;
    }
    this.sinceCheck += 1;
    if (this.sinceCheck < this.interval) return undefined;
    this.sinceCheck = 0;
    return this.analyse(position);
  }

  /** Proposes the distances to the earlier occurrences of the current window as lags. */
  private propose(position: number): void {
    const window = this.chain.window;
    const oldestEnd = Math.max(this.ring.validFrom + window - 1, position - this.buffer + 1);
    let earlier = this.chain.previous;
    for (let step = 0; step < chainSteps && earlier >= oldestEnd; step += 1) {
      const lag = position - earlier;
      if (!this.lags.has(lag) && this.ring.equal(earlier - window + 1, position - window + 1, window)) {
        this.lags.add(lag, window);
      }
      earlier = this.chain.links[earlier & this.ring.mask];
    }
  }

  /** Looks for a qualifying tandem run, then for a qualifying pair of lags, ending at `end`. */
  private analyse(end: number): LoopDetection | undefined {
    const { lag, run } = this.lags;
    const count = this.lags.count;
    for (let index = 0; index < count; index += 1) {
      const detection = this.tandem(end, lag[index], run[index]);
      if (detection !== undefined) return detection;
    }
    for (let first = 0; first < count; first += 1) {
      if (run[first] < this.minimum) continue;
      for (let second = 0; second < count; second += 1) {
        if (lag[second] <= lag[first] || run[second] < this.minimum) continue;
        const near = lag[first];
        const far = lag[second];
        const length = Math.min(run[first], run[second], near, far - near, this.maximum);
        if (length < this.minimum || far + length > 6 * length) continue;
        const pattern = this.ring.slice(end - length + 1, end + 1);
        if (!hasLetterOrDigit(pattern)) continue;
        return describeRepetition(this.ring, end - far - length + 1, end + 1, pattern, 3);
      }
    }
    return undefined;
  }

  /** A run at one lag: the text is periodic there, so three copies of a unit need no second lag. */
  private tandem(end: number, lag: number, run: number): LoopDetection | undefined {
    let patternLength: number;
    let needed: number;
    if (lag <= this.maximum) {
      // Whole copies of a unit of minimum…maximum characters (a multiple of a short period).
      patternLength = lag * Math.ceil(this.minimum / lag);
      if (patternLength > this.maximum) return undefined;
      needed = 3 * patternLength - lag;
    } else {
      // The period is longer than any pattern: three copies of its part of `length` characters.
      patternLength = Math.max(this.minimum, Math.ceil((2 * lag) / 5));
      if (patternLength > this.maximum) return undefined;
      needed = lag + patternLength;
    }
    if (run < needed) return undefined;
    // One period holds every character of the loop: without a letter or digit it is a divider.
    if (!hasLetterOrDigit(this.ring.slice(end - Math.min(lag, patternLength) + 1, end + 1))) return undefined;
    const fallback = this.ring.slice(end - patternLength + 1, end + 1);
    const detection = describeRepetition(this.ring, end - run - lag + 1, end + 1, fallback, 3);
    return hasLetterOrDigit(detection.pattern) ? detection : undefined;
  }
}
