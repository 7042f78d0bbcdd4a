import { Buffer } from 'node:buffer';
import { dirname } from 'node:path';
import { CAPTURE_REDACTION_MARKER, createSecretRedactor, type SecretRedactor } from '../redaction/redact-secrets.js';
import { formatCaptureLine, type CaptureRecord } from './capture-entry.js';
import { CaptureFileSet } from './capture-file-set.js';
import { nodeCaptureFileSystem, type CaptureFileSystem } from './capture-file-system.js';

export interface CaptureWriterOptions {
  readonly file: string;
  /** Masks what is written; defaults to the common key formats, with `[REDACTED]`. */
  readonly redactor?: SecretRedactor;
  /** Queued bytes that trigger a flush (default 64 KiB, `capture_buffer_size`). */
  readonly bufferBytes?: number;
  /** Flush period (default 1000 ms, `capture_flush_interval`). */
  readonly flushIntervalMs?: number;
  /**
   * Queued entries that trigger a flush (default 100). One append then takes every line waiting
   * (up to 4 MiB), so under load the batches grow instead of the number of appends.
   */
  readonly maxEntriesPerFlush?: number;
  /** Size rotation: the live file is rotated before it would pass this (default: none). */
  readonly maxBytes?: number;
  /** Rotated files kept (default 5; values below 1 mean 1). */
  readonly maxFiles?: number;
  /** Cap across the file and its rotations (default 500 MB, as the seed's docs say). */
  readonly totalMaxBytes?: number;
  /** Time rotation (default: none). */
  readonly rotateIntervalMs?: number;
  /** Entries waiting for the disk beyond this are dropped and counted (default 10000). */
  readonly maxQueuedEntries?: number;
  readonly fs?: CaptureFileSystem;
  readonly now?: () => number;
  /** Called on I/O errors (the lines of a failed append are counted as dropped). */
  readonly onError?: (error: unknown) => void;
}

export interface CaptureWriterStats {
  readonly written: number;
  readonly dropped: number;
  readonly queued: number;
  readonly files: number;
}

export interface CaptureWriter {
  /** Enqueues one record, redacted and serialised now; never throws (a full queue drops and counts it). */
  write(record: CaptureRecord): void;
  /** Resolves once everything queued before the call is on disk (or failed). */
  flush(): Promise<void>;
  /** Flushes and stops the timer; later writes are dropped. */
  close(): Promise<void>;
  stats(): CaptureWriterStats;
}

/** The writer itself, which also takes lines already encoded (the capture worker's fast path). */
export interface CaptureLineWriter extends CaptureWriter {
  /** Enqueues a line already serialised (with its newline); false when the queue was full (dropped and counted). */
  writeLine(line: string): boolean;
}

/** A line waiting for the disk: its bytes in an arena. */
interface QueuedLine {
  readonly arena: Buffer<ArrayBuffer>;
  readonly start: number;
  readonly end: number;
}

/** Lines are written into arenas of this size (a larger line gets one of its own). */
const arenaBytes = 1 << 20;

/**
 * The wire-capture sink: a bounded in-memory queue of JSON lines, appended to disk in batches
 * by one flush at a time, so lines are never interleaved or cut, and a slow disk never slows a
 * stream (SEED-SPEC §8). Rotates by size and by time, and keeps the total under a cap.
 *
 * Records are redacted and serialised at `write` time: a record's payload must not change after
 * it is written, and the byte count decides when to flush. A single line larger than `maxBytes`
 * still goes into its own file; one larger than `totalMaxBytes` is dropped. The gateway runs this
 * writer in a worker thread (`startCaptureWorker`).
 *
 * @example
 * const writer = createCaptureWriter({ file: 'logs/wire_capture.log', maxBytes: 100 * 1024 * 1024 });
 * writer.write({ direction: 'stream_start', payload: null, context, now: Date.now(), sequence: 1 });
 * await writer.close(); // on shutdown
 */
export function createCaptureWriter(options: CaptureWriterOptions): CaptureLineWriter {
  const bufferBytes = options.bufferBytes ?? 65_536;
  const maxEntriesPerFlush = Math.max(1, options.maxEntriesPerFlush ?? 100);
  const maxQueuedEntries = options.maxQueuedEntries ?? 10_000;
  const maxBatchBytes = Math.max(bufferBytes, 4 * 1024 * 1024);
  const maxBytes = options.maxBytes !== undefined && options.maxBytes > 0 ? options.maxBytes : Number.POSITIVE_INFINITY;
  const totalMaxBytes = options.totalMaxBytes ?? 524_288_000;
  const onError = options.onError ?? (() => undefined);
  const redactor = options.redactor ?? createSecretRedactor({ marker: CAPTURE_REDACTION_MARKER });
  const files = new CaptureFileSet({
    file: options.file,
    maxFiles: Math.max(1, options.maxFiles ?? 5),
    totalMaxBytes,
    fs: options.fs ?? nodeCaptureFileSystem,
    now: options.now ?? Date.now,
  });

  let queue: QueuedLine[] = [];
  let queuedBytes = 0;
  // Lines are encoded into byte arenas as they come: a flush joins nothing and encodes nothing.
  let arena = Buffer.allocUnsafeSlow(arenaBytes);
  let arenaUsed = 0;
  // Arenas whose lines are all on disk, for reuse: fresh memory costs page faults and GC pressure.
  const spareArenas: (typeof arena)[] = [];
  let written = 0;
  let dropped = 0;
  let closed = false;
  let flushScheduled = false;
  let chain: Promise<void> = Promise.resolve();

  /** Takes the next batch: whole lines, at most `maxBatchBytes`, fitting the live file. */
  const takeBatch = (): QueuedLine[] => {
    let count = 0;
    let bytes = 0;
    for (const line of queue) {
      const lineBytes = line.end - line.start;
      if (count > 0 && (bytes + lineBytes > maxBatchBytes || files.size + bytes + lineBytes > maxBytes)) break;
      count += 1;
      bytes += lineBytes;
    }
    const batch = queue.slice(0, count);
    queue = queue.slice(count);
    queuedBytes -= bytes;
    return batch;
  };

  const writeBatch = async (batch: readonly QueuedLine[]): Promise<void> => {
    const data = contiguous(batch);
    const bytes = data.byteLength;
    if (bytes > totalMaxBytes) {
      dropped += batch.length;
      return;
    }
    if (files.isDueByTime(options.rotateIntervalMs) || (files.size > 0 && files.size + bytes > maxBytes)) await files.rotate();
    await files.makeRoom(bytes);
    await files.append(data, bytes);
    written += batch.length;
  };

  /**
   * Keeps the arenas a finished batch emptied. Lines fill arenas in order and leave in order, so
   * an arena of the batch is empty unless it is the one being filled or the next queued line's.
   */
  const recycle = (batch: readonly QueuedLine[]): void => {
    let previous: Buffer<ArrayBuffer> | undefined;
    for (const { arena: each } of batch) {
      if (each === previous) continue;
      previous = each;
      if (each !== arena && each !== queue[0]?.arena && each.byteLength === arenaBytes && spareArenas.length < 2) spareArenas.push(each);
    }
  };

  /** A closed writer or a full queue drops (and counts) what it is given. */
  const refuses = (): boolean => {
    if (!closed && queue.length < maxQueuedEntries) return false;
    dropped += 1;
    return true;
  };

  /** Queues a line; false when it was dropped. */
  const enqueue = (line: string): boolean => {
    if (refuses()) return false;
    // Three bytes per UTF-16 unit at most: an upper bound without measuring the line (a line too
    // long for an arena is measured, and gets an arena of its own, just its size).
    const bound = line.length * 3 <= arenaBytes ? line.length * 3 : Buffer.byteLength(line);
    if (arenaUsed + bound > arena.byteLength) {
      arena = (bound <= arenaBytes ? spareArenas.pop() : undefined) ?? Buffer.allocUnsafeSlow(Math.max(arenaBytes, bound));
      arenaUsed = 0;
    }
    const start = arenaUsed;
    const end = start + arena.write(line, start);
    arenaUsed = end;
    queue.push({ arena, start, end });
    queuedBytes += end - start;
    if (!flushScheduled && (queue.length >= maxEntriesPerFlush || queuedBytes >= bufferBytes)) {
      flushScheduled = true;
      setImmediate(() => void flush());
    }
    return true;
  };

  const drain = async (): Promise<void> => {
    flushScheduled = false;
    while (queue.length > 0) {
      const batch = takeBatch();
      try {
        await files.init(dirname(options.file));
        await writeBatch(batch);
      } catch (error) {
        dropped += batch.length;
        files.reset();
        onError(error);
      }
      recycle(batch);
    }
  };

  const flush = (): Promise<void> => {
    chain = chain.then(drain);
    return chain;
  };

  const timer = setInterval(() => {
    if (queue.length > 0) void flush();
  }, options.flushIntervalMs ?? 1000);
  timer.unref();

  return {
    write(record) {
      // Checked before formatting too, so a full queue does not pay for lines it drops.
      if (refuses()) return;
      let line: string;
      try {
        line = `${formatCaptureLine({ ...{}, ...record, redactor })}\n`;
      } catch (error) {
        dropped += 1;
        onError(error);
        return;
      }
      enqueue(line);
    },
    writeLine: enqueue,
    flush,
    async close() {
      closed = true;
      clearInterval(timer);
      await flush();
      await files.close().catch(onError);
    },
    stats: () => ({ written, dropped, queued: queue.length, files: files.fileCount }),
  };
}

/** A batch's bytes: one view when its lines sit side by side in one arena (the usual case). */
function contiguous(batch: readonly QueuedLine[]): Uint8Array {
  const first = batch[0];
  const last = batch.at(-1);
  if (first === undefined || last === undefined) return new Uint8Array(0);
  let end = first.start;
  for (const line of batch) {
    if (line.arena !== first.arena || line.start !== end) return Buffer.concat(batch.map((each) => each.arena.subarray(each.start, each.end)));
    end = line.end;
  }
  return first.arena.subarray(first.start, last.end);
}
