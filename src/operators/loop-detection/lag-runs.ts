import type { TextRing } from './text-ring.js';

/**
 * A small set of candidate lags, each with its run: how many characters in a row (up to now)
 * equal the character `lag` positions earlier. A lag whose run breaks is dropped; the seed
 * chain proposes it again if the text repeats again.
 */
export class LagRuns {
  readonly lag: Int32Array;
  readonly run: Int32Array;
  count = 0;

  constructor(private readonly capacity: number) {
    this.lag = new Int32Array(capacity);
    this.run = new Int32Array(capacity);
  }

  clear(): void {
    this.count = 0;
  }

  has(lag: number): boolean {
    for (let index = 0; index < this.count; index += 1) if (this.lag[index] === lag) return true;
    return false;
  }

  /** Adds a lag; when full, replaces the shortest run if it is shorter than `run`. */
  add(lag: number, run: number): void {
    if (this.count < this.capacity) {
      this.lag[this.count] = lag;
      this.run[this.count] = run;
      this.count += 1;
      return;
    }
    let shortest = 0;
    for (let index = 1; index < this.count; index += 1) if (this.run[index] < this.run[shortest]) shortest = index;
    if (this.run[shortest] < run) {
      this.lag[shortest] = lag;
      this.run[shortest] = run;
    }
  }

  /** Whether `code` at `position` breaks a run of at least `minimum` characters. */
  breaksLongRun(ring: TextRing, position: number, code: number, minimum: number): boolean {
    for (let index = 0; index < this.count; index += 1) {
      if (this.run[index] >= minimum && !matches(ring, position - this.lag[index], code)) return true;
    }
    return false;
  }

  /** Extends the runs that `code` continues and drops the others. */
  advance(ring: TextRing, position: number, code: number): void {
    for (let index = this.count - 1; index >= 0; index -= 1) {
      if (matches(ring, position - this.lag[index], code)) {
        this.run[index] += 1;
      } else {
        this.count -= 1;
        this.lag[index] = this.lag[this.count];
        this.run[index] = this.run[this.count];
      }
    }
  }
}

function matches(ring: TextRing, earlier: number, code: number): boolean {
  return earlier >= ring.validFrom && ring.at(earlier) === code;
}
