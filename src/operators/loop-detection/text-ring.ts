/**
 * The analysed characters (UTF-16 code units) in a power-of-two ring, addressed by absolute
 * position. Both detectors read from it, so each character is stored once. Positions only grow;
 * a reset moves `validFrom` instead of clearing memory, so resets cost O(1).
 */
export class TextRing {
  readonly codes: Uint16Array;
  readonly mask: number;
  /** Absolute position of the next character. */
  position = 0;
  /** First position that belongs to the current tracking run (after the last reset). */
  validFrom = 0;

  constructor(minimumSize: number) {
    let size = 16;
    while (size < minimumSize) size *= 2;
    this.codes = new Uint16Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.mask + 1;
  }

  /** The earliest position still stored and valid. */
  get oldest(): number {
    return Math.max(this.validFrom, this.position - this.size);
  }

  reset(): void {
    this.validFrom = this.position;
  }

  at(position: number): number {
    return this.codes[position & this.mask];
  }

  /** Whether `length` characters starting at `a` equal those starting at `b`. */
  equal(a: number, b: number, length: number): boolean {
    for (let offset = 0; offset < length; offset += 1) {
      if (this.codes[(a + offset) & this.mask] !== this.codes[(b + offset) & this.mask]) return false;
    }
    return true;
  }

  /** The text from `start` (inclusive) to `end` (exclusive), clamped to what is stored. */
  slice(start: number, end: number): string {
    const from = Math.max(start, this.oldest);
    const parts: string[] = [];
    for (let chunkStart = from; chunkStart < end; chunkStart += 4096) {
      const chunkEnd = Math.min(end, chunkStart + 4096);
      const units: number[] = [];
      for (let position = chunkStart; position < chunkEnd; position += 1) units.push(this.at(position));
      parts.push(String.fromCharCode(...units));
    }
    return parts.join('');
  }
}
