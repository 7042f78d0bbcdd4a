import type { TextRing } from './text-ring.js';

/** Polynomial base of the rolling window hash (odd, so arithmetic mod 2^32 stays invertible). */
export const windowHashBase = 0x01000193;
/** Multiplier that spreads a window hash over the table's slots (Fibonacci hashing). */
export const windowSlotMultiplier = 0x9e3779b1 | 0;

/**
 * The shared index of both detectors: a rolling hash of the last `window` characters, a
 * direct-mapped typed-array table from window hash to the latest position it ended at, and a
 * chain from each position to the previous occurrence of the same window (as in LZ77 match
 * finders). One hash and one table lookup per character serve the short detector (occurrence
 * counts) and the long detector (candidate lags). Hash equality is only a hint: users compare
 * the text before acting on it.
 *
 * This class only holds the state. The per-character step (update the hash, look the window up,
 * link it, count its depth) is written out inside `createLoopDetector`'s `push` loop with these
 * fields in local variables: as a method call per character it held the detector at ~60 MB/s,
 * fused into the loop it runs above 100 MB/s. `push` writes the fields back before it calls
 * anything that reads them.
 */
export class WindowChain {
  readonly window: number;
  /** Per ring position: the end position of the previous occurrence of the window ending there, or −1. */
  readonly links: Int32Array;
  /** base^window: removes the outgoing character from the rolling hash. */
  readonly power: number;
  /** Interleaved [hash, end, depth, unused] per slot: one cache line per lookup. */
  readonly table: Int32Array;
  /** Right shift that turns a 32-bit mixed hash into a slot number. */
  readonly tableShift: number;
  /** Rolling hash of the current window (of the characters since the last reset while not full). */
  hash = 0;
  /** Letters in the current window. */
  letters = 0;
  /** Where the current window occurred before (its end position), or −1. */
  previous = -1;
  /** Occurrences of the current window within the depth horizon, this one included. */
  depth = 0;

  constructor(
    ring: TextRing,
    window: number,
    tableSize: number,
    /** Only occurrences ending within this many characters count towards `depth`. */
    readonly depthHorizon: number,
  ) {
    this.window = window;
    let power = 1;
    for (let index = 0; index < window; index += 1) power = Math.imul(power, windowHashBase);
    this.power = power;
    let tableBits = 4;
    while (1 << tableBits < tableSize) tableBits += 1;
    this.table = new Int32Array(4 << tableBits);
    this.tableShift = 32 - tableBits;
    this.links = new Int32Array(ring.size);
    this.clear();
  }

  reset(): void {
    this.hash = 0;
    this.letters = 0;
    this.previous = -1;
    this.depth = 0;
  }

  /** Forgets every stored occurrence (used when the ring rebases its positions). */
  clear(): void {
    for (let slot = 0; slot < this.table.length; slot += 4) this.table[slot + 1] = -1;
  }
}
