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
 * {@link WindowChain.step} is the reference step. `createLoopDetector`'s `push` repeats it inline,
 * with these fields in local variables, for runs of plain prose (its fast loop): as a method call
 * per character (which also kept a running letter count) it held the detector at ~60 MB/s.
 * Keep the two in step: where a delta boundary falls decides which path takes a character, so
 * the split-invariance property tests and the loop corpus exercise both.
 */
export class WindowChain {
  readonly window: number;
  /**
   * Per ring position: the end position of the previous occurrence of the window ending there.
   * Stored only when there is one (see `clear` for why a stale value is harmless).
   */
  readonly links: Int32Array;
  /** Per ring position, stored with its link: the window's `depth` there. */
  readonly depths: Int32Array;
  /** base^window: removes the outgoing character from the rolling hash. */
  readonly power: number;
  /**
   * Interleaved [hash, end] per slot. The depth lives per position (`depths`), not per slot, so
   * a character without an earlier occurrence (most of prose) costs two loads and two stores.
   */
  readonly table: Int32Array;
  /** Right shift that turns a 32-bit mixed hash into a slot number. */
  readonly tableShift: number;
  /** Rolling hash of the current window (of the characters since the last reset while not full). */
  hash = 0;
  /** Where the current window occurred before (its end position), or −1. */
  previous = -1;
  /** Occurrences of the current window within the depth horizon, this one included. */
  depth = 0;

  constructor(
    private readonly ring: TextRing,
    window: number,
    tableSize: number,
    /** Only occurrences ending within this many characters count towards `depth` (< ring size, see `clear`). */
    readonly depthHorizon: number,
  ) {
    this.window = window;
    let power = 1;
    for (let index = 0; index < window; index += 1) power = Math.imul(power, windowHashBase);
    this.power = power;
    let tableBits = 4;
    while (1 << tableBits < tableSize) tableBits += 1;
    this.table = new Int32Array(2 << tableBits);
    this.tableShift = 32 - tableBits;
    this.links = new Int32Array(ring.size);
    this.depths = new Int32Array(ring.size);
    this.clear();
  }

  reset(): void {
    this.hash = 0;
    this.previous = -1;
    this.depth = 0;
  }

  /**
   * Forgets every stored occurrence (used when the ring rebases its positions). A position
   * without a link keeps the link (and depth) of a position ≥ `ring.size` earlier, which points
   * further back still, or −1. Readers only follow or trust a link while it ends within the last
   * `bufferSize` (`propose`), `maxHistoryLength` (`check`, `depthAfter`) characters, and the ring
   * holds more than that, so a stale link stops them as −1 would. After a rebase the old links
   * would look recent, hence the −1 fill.
   */
  clear(): void {
    for (let slot = 0; slot < this.table.length; slot += 2) this.table[slot + 1] = -1;
    this.links.fill(-1);
  }

  /**
   * The depth of the window at `position`, which occurred before at `previous`: one more than
   * the depth there if `previous` is within the horizon (depth there is 1 unless it had a link
   * of its own within the horizon, and then it was stored with the link).
   */
  depthAfter(previous: number, position: number): number {
    const horizon = this.depthHorizon;
    if (previous <= position - horizon) return 1;
    const at = previous & this.ring.mask;
    const link = this.links[at];
    return link >= 0 && link > previous - horizon ? this.depths[at] + 1 : 2;
  }

  /** Takes the character just written at `position`; false while the window is not yet full. */
  step(position: number, code: number): boolean {
    const ring = this.ring;
    const outgoing = position - this.window;
    const outCode = outgoing >= ring.validFrom ? ring.at(outgoing) : 0;
    this.hash = (Math.imul(this.hash, windowHashBase) + code - Math.imul(outCode, this.power)) | 0;
    if (outgoing + 1 < ring.validFrom) return false;

    const hash = this.hash;
    const table = this.table;
    const slot = (Math.imul(hash, windowSlotMultiplier) >>> this.tableShift) << 1;
    const earlier = table[slot + 1];
    let previous = -1;
    let depth = 1;
    if (table[slot] === hash && earlier >= ring.validFrom + this.window - 1) {
      previous = earlier;
      depth = this.depthAfter(previous, position);
      this.links[position & ring.mask] = previous;
      this.depths[position & ring.mask] = depth;
    }
    table[slot] = hash;
    table[slot + 1] = position;
    this.previous = previous;
    this.depth = depth;
    return true;
  }
}
