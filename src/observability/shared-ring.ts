import { Buffer } from 'node:buffer';

/** Control words at the start of the buffer (Int32 indexes). */
// The producer's word and the consumer's words sit on separate cache lines, so one thread's
// writes do not keep invalidating the line the other reads.
const HEAD = 0;
const SLEEPING = 1;
const TAIL = 16;
const TAKEN = 17;
const controlBytes = 128;
/** A record length that means "the next record starts at offset 0". */
const WRAP = 0xffff_ffff;
/** The length word's top bit marks a record (see `RingWriter.write`). */
const MARK = 0x8000_0000;

/**
 * A ring of byte records in a SharedArrayBuffer, for one producer thread and one consumer thread.
 * The gateway hands capture records and usage rows to its workers through it instead of
 * `postMessage`: a record is a few `encodeInto` calls into memory both threads see, with no
 * structured clone, no message object and no allocation, and a sleeping consumer is woken once
 * however many records follow.
 *
 * Layout: four Int32 control words (head, tail, sleeping, records taken), then the data. A record
 * is a Uint32 body length and its fields (a tag byte, then nothing for null, a Float64, or a
 * Uint32 length and UTF-8 text), always contiguous: one that does not fit before the end starts
 * again at offset 0, after a WRAP marker. `head === tail` means empty, so the producer always
 * leaves one byte free.
 */
export function createSharedRing(capacity: number): SharedArrayBuffer {
  if (!Number.isInteger(capacity) || capacity < 64 || capacity >= MARK) throw new RangeError(`ring capacity must be an integer in [64, 2^31) (got ${capacity})`);
  return new SharedArrayBuffer(controlBytes + capacity);
}

/** One field of a record. */
export type RingValue = string | number | null;

const NULL = 0;
const NUMBER = 1;
const TEXT = 2;

/** An upper bound of a record's size in the ring (UTF-8 takes at most 3 bytes per UTF-16 unit). */
export function ringRecordBound(values: readonly RingValue[]): number {
  let bytes = 4;
  for (const value of values) bytes += typeof value === 'string' ? 5 + 3 * value.length : 9;
  return bytes;
}

/** The producer's end. */
export class RingWriter {
  private readonly control: Int32Array;
  private readonly bytes: Buffer;
  private readonly view: DataView;
  private readonly encoder = new TextEncoder();
  /** Data bytes. */
  readonly capacity: number;

  constructor(buffer: SharedArrayBuffer) {
    this.control = new Int32Array(buffer, 0, controlBytes / 4);
    this.capacity = buffer.byteLength - controlBytes;
    this.bytes = Buffer.from(buffer, controlBytes, this.capacity);
    this.view = new DataView(buffer, controlBytes, this.capacity);
  }

  /**
   * Appends one record; false (nothing written) when the ring has no room for it now. A marked
   * record is told apart by the reader (the batch worker marks the placeholder of an item sent as
   * a message).
   */
  write(values: readonly RingValue[], marked = false): boolean {
    const head = Atomics.load(this.control, HEAD);
    const tail = Atomics.load(this.control, TAIL);
    let end = this.encodeAt(head, tail > head ? tail - 1 : tail === 0 ? this.capacity - 1 : this.capacity, values, marked);
    if (end < 0 && tail <= head && tail > 0) {
      end = this.encodeAt(0, tail - 1, values, marked);
      if (end >= 0 && head + 4 <= this.capacity) this.view.setUint32(head, WRAP);
    }
    if (end < 0) return false;
    // Publishing the head after the bytes makes them visible to the consumer that reads it. A
    // record ending exactly at the end is followed by one at 0 (tail is then not 0: see limits).
    Atomics.store(this.control, HEAD, end === this.capacity ? 0 : end);
    if (Atomics.compareExchange(this.control, SLEEPING, 1, 0) === 1) Atomics.notify(this.control, SLEEPING);
    return true;
  }

  /** Records the consumer has read so far (an Int32 that wraps: compare differences). */
  taken(): number {
    return Atomics.load(this.control, TAKEN);
  }

  /** The record's end offset, or -1 when it does not fit in [start, limit). */
  private encodeAt(start: number, limit: number, values: readonly RingValue[], marked: boolean): number {
    let cursor = start + 4;
    if (cursor > limit) return -1;
    for (const value of values) {
      if (typeof value === 'string') {
        if (cursor + 5 + value.length > limit) return -1;
        this.bytes[cursor] = TEXT;
        let written: number;
        if (cursor + 5 + 3 * value.length <= limit) {
          // Room for the longest encoding: a plain write, which allocates nothing.
          written = this.bytes.write(value, cursor + 5, limit - cursor - 5, 'utf8');
        } else {
          const result = this.encoder.encodeInto(value, this.bytes.subarray(cursor + 5, limit));
          if (result.read < value.length) return -1;
          written = result.written;
        }
        this.view.setUint32(cursor + 1, written);
        cursor += 5 + written;
      } else if (value === null) {
        if (cursor + 1 > limit) return -1;
        this.bytes[cursor] = NULL;
        cursor += 1;
      } else {
        if (cursor + 9 > limit) return -1;
        this.bytes[cursor] = NUMBER;
        this.view.setFloat64(cursor + 1, value);
        cursor += 9;
      }
    }
    this.view.setUint32(start, (cursor - start - 4) | (marked ? MARK : 0));
    return cursor;
  }
}

/**
 * The record a drain is at, read in place: its fields' tags and byte ranges in `bytes` (valid
 * only while the record is being taken), decoded on demand.
 */
export class RingRecord {
  count = 0;
  readonly tags: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  constructor(
    /** The ring's data. */
    readonly bytes: Buffer,
    private readonly view: DataView,
  ) {}

  isText(index: number): boolean {
    return this.tags[index] === TEXT;
  }

  value(index: number): RingValue {
    const tag = this.tags[index];
    if (tag === TEXT) return this.bytes.toString('utf8', this.starts[index], this.ends[index]);
    if (tag === NUMBER) return this.view.getFloat64(this.starts[index] ?? 0);
    return null;
  }

  values(): RingValue[] {
    const values: RingValue[] = [];
    for (let index = 0; index < this.count; index += 1) values.push(this.value(index));
    return values;
  }

  /** Reads the field layout of the record in [start, end). */
  locate(start: number, end: number): this {
    let cursor = start;
    let count = 0;
    while (cursor < end) {
      const tag = this.bytes[cursor] ?? NULL;
      this.tags[count] = tag;
      if (tag === TEXT) {
        this.starts[count] = cursor + 5;
        cursor += 5 + this.view.getUint32(cursor + 1);
      } else if (tag === NUMBER) {
        this.starts[count] = cursor + 1;
        cursor += 9;
      } else {
        this.starts[count] = cursor + 1;
        cursor += 1;
      }
      this.ends[count] = cursor;
      count += 1;
    }
    this.count = count;
    return this;
  }
}

/** The consumer's end. */
export class RingReader {
  private readonly control: Int32Array;
  private readonly view: DataView;
  private readonly capacity: number;
  private readonly record: RingRecord;

  constructor(buffer: SharedArrayBuffer) {
    this.control = new Int32Array(buffer, 0, controlBytes / 4);
    this.capacity = buffer.byteLength - controlBytes;
    this.view = new DataView(buffer, controlBytes, this.capacity);
    this.record = new RingRecord(Buffer.from(buffer, controlBytes, this.capacity), this.view);
  }

  /**
   * Reads records in order while `take` accepts them: a record is released (its bytes may be
   * overwritten) once `take` returns true; false leaves it, and those after it, for a later
   * drain. The record object is reused: `take` must copy what it keeps. Returns how many records
   * were taken.
   */
  drain(take: (record: RingRecord, marked: boolean) => boolean): number {
    let tail = Atomics.load(this.control, TAIL);
    let count = 0;
    for (;;) {
      if (tail === Atomics.load(this.control, HEAD)) break;
      if (tail + 4 > this.capacity || this.view.getUint32(tail) === WRAP) {
        tail = 0;
        Atomics.store(this.control, TAIL, 0);
        continue;
      }
      const word = this.view.getUint32(tail);
      const end = tail + 4 + (word & ~MARK);
      if (!take(this.record.locate(tail + 4, end), (word & MARK) !== 0)) break;
      tail = end;
      count += 1;
      // Space is given back every 64 records and at the end, not per record.
      if ((count & 63) === 0) this.release(tail, 64);
    }
    this.release(tail, count & 63);
    return count;
  }

  private release(tail: number, taken: number): void {
    Atomics.store(this.control, TAIL, tail);
    if (taken > 0) Atomics.add(this.control, TAKEN, taken);
  }

  /** Resolves once a record may be waiting (at once when one already is). */
  waitForRecords(): Promise<void> {
    Atomics.store(this.control, SLEEPING, 1);
    if (Atomics.load(this.control, HEAD) !== Atomics.load(this.control, TAIL)) {
      Atomics.store(this.control, SLEEPING, 0);
      return Promise.resolve();
    }
    const waiting = Atomics.waitAsync(this.control, SLEEPING, 1);
    return waiting.async ? waiting.value.then(() => undefined) : Promise.resolve();
  }
}
