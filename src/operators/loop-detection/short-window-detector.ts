import { letterValue } from './letter-table.js';
import type { LoopDetection } from './loop-detection.js';
import type { LoopDetectionSettings } from './loop-detection-settings.js';
import { describeRepetition } from './summarise-repetition.js';
import type { TextRing } from './text-ring.js';

/** Polynomial base of the rolling window hash (odd, so arithmetic mod 2^32 stays invertible). */
const base = 0x01000193;
const golden = 0x9e3779b1 | 0;

/**
 * The short detector of SEED-SPEC §5.2 (gemini-cli's "TokenWindow"): every window of
 * `contentChunkSize` characters is hashed; a loop is a window seen `contentLoopThreshold` times
 * whose last occurrences lie on average at most 1.5 windows apart.
 *
 * Why it is fast: the window hash rolls (O(1) per character, arithmetic mod 2^32 via
 * `Math.imul` instead of the seed's mod 2^32−1); occurrences live in a direct-mapped typed-array
 * table plus a chain of previous positions (as in LZ77 match finders) instead of a map of index
 * lists; the chain depth is kept per position, so the chain is only walked once a window has been
 * seen `threshold` times; and equal hashes are verified by comparing text only then.
 */
export class ShortWindowDetector {
  private readonly window: number;
  private readonly threshold: number;
  private readonly history: number;
  private readonly maxMeanDistance: number;
  private readonly power: number; // base^window mod 2^32
  private readonly keys: Int32Array;
  private readonly ends: Float64Array;
  private readonly tableShift: number;
  private readonly links: Float64Array;
  private readonly depths: Int32Array;
  private readonly linkMask: number;
  private hash = 0;
  private letters = 0;

  constructor(
    private readonly ring: TextRing,
    settings: LoopDetectionSettings,
  ) {
    this.window = settings.contentChunkSize;
    this.threshold = settings.contentLoopThreshold;
    this.history = settings.maxHistoryLength;
    this.maxMeanDistance = 1.5 * this.window;
    let power = 1;
    for (let index = 0; index < this.window; index += 1) power = Math.imul(power, base);
    this.power = power;
    let tableBits = 4;
    while (1 << tableBits < this.history * 4) tableBits += 1;
    this.keys = new Int32Array(1 << tableBits);
    this.ends = new Float64Array(1 << tableBits).fill(-1);
    this.tableShift = 32 - tableBits;
    let linkSize = 16;
    while (linkSize < this.history + 1) linkSize *= 2;
    this.links = new Float64Array(linkSize);
    this.depths = new Int32Array(linkSize);
    this.linkMask = linkSize - 1;
  }

  reset(): void {
    this.hash = 0;
    this.letters = 0;
  }

  /** Takes the character just written at `position` into the ring. */
  step(position: number, code: number): LoopDetection | undefined {
    const ring = this.ring;
    const outgoing = position - this.window;
    const outCode = outgoing >= ring.validFrom ? ring.at(outgoing) : 0;
    this.hash = (Math.imul(this.hash, base) + code - Math.imul(outCode, this.power)) | 0;
    this.letters += letterValue(code) - (outgoing >= ring.validFrom ? letterValue(outCode) : 0);
    if (outgoing + 1 < ring.validFrom) return undefined; // the window is not full yet
    if (this.letters * 2 < this.window) return undefined; // mostly symbols, digits or spaces

    // A window is remembered while it starts within the last `history` characters.
    const oldestEnd = Math.max(ring.validFrom, position + 1 - this.history) + this.window - 1;
    const slot = Math.imul(this.hash, golden) >>> this.tableShift;
    const previous = this.keys[slot] === this.hash && this.ends[slot] >= oldestEnd ? this.ends[slot] : -1;
    this.keys[slot] = this.hash;
    this.ends[slot] = position;
    const link = position & this.linkMask;
    this.links[link] = previous;
    const depth = previous < 0 ? 1 : this.depths[previous & this.linkMask] + 1;
    this.depths[link] = depth;
    return depth >= this.threshold ? this.confirm(position, oldestEnd) : undefined;
  }

  /** Walks back `threshold − 1` occurrences; checks the spacing, then the text itself. */
  private confirm(position: number, oldestEnd: number): LoopDetection | undefined {
    const occurrences: number[] = [position];
    let current = position;
    for (let count = 1; count < this.threshold; count += 1) {
      current = this.links[current & this.linkMask];
      if (current < oldestEnd) return undefined;
      occurrences.push(current);
    }
    if ((position - current) / (this.threshold - 1) > this.maxMeanDistance) return undefined;
    const start = position - this.window + 1;
    for (const end of occurrences) {
      if (!this.ring.equal(end - this.window + 1, start, this.window)) return undefined; // hash collision
    }
    const window = this.ring.slice(start, position + 1);
    return describeRepetition(this.ring, current - this.window + 1, position + 1, window, this.threshold);
  }
}
