import type { CaptureRecord } from './capture-entry.js';
import { captureRecordWritten, encodeCaptureRecord, type CaptureWorkerData } from './capture-worker-protocol.js';
import type { CaptureWriter, CaptureWriterOptions, CaptureWriterStats } from './capture-writer.js';
import { startBatchWorker } from './start-batch-worker.js';

export interface CaptureWorkerOptions extends Omit<CaptureWriterOptions, 'fs' | 'now' | 'redactor'> {
  /** Configured key values, masked in every line besides the common key formats. */
  readonly knownSecrets: readonly string[];
  /** The worker script; `capture-worker` beside this module (or its bundle) when omitted. */
  readonly workerUrl?: URL;
  /** Bytes of the ring records cross to the worker through (default 4 MiB). */
  readonly ringBytes?: number;
}

/**
 * The capture writer in a worker thread: `write` only copies the record into the worker's ring
 * (no redaction, no line building); the worker runs `createCaptureWriter`, so lines, rotation,
 * caps and counts are the writer's.
 *
 * Records not yet taken by the worker count against `maxQueuedEntries` too, so a worker that
 * falls behind makes `write` drop (and count) rather than grow memory. `stats()` reports the
 * worker's figures as of the last `flush`, plus what is waiting on this side.
 *
 * @example
 * const capture = startCaptureWorker({ file: 'logs/wire_capture.log', knownSecrets: [openaiKey] });
 * capture.write({ direction: 'stream_start', payload: null, context, now: Date.now(), sequence: 1 });
 * await capture.close(); // on shutdown: everything written is on disk
 */
export function startCaptureWorker(options: CaptureWorkerOptions): CaptureWriter {
  const { knownSecrets, workerUrl, ringBytes, onError = () => undefined, ...writerOptions } = options;
  const worker = startBatchWorker<CaptureRecord, CaptureWriterStats, CaptureWorkerData>({
    script: workerUrl ?? 'capture-worker',
    data: { options: writerOptions, knownSecrets },
    encode: encodeCaptureRecord,
    written: captureRecordWritten,
    maxQueued: options.maxQueuedEntries ?? 10_000,
    initialStats: { written: 0, dropped: 0, queued: 0, files: 0 },
    ...(ringBytes === undefined ? {} : { ringBytes }),
    onError,
  });
  return {
    write: (record) => worker.write(record),
    flush: () => worker.flush(),
    close: () => worker.close(),
    stats: () => {
      const [remote, local] = [worker.workerStats(), worker.local()];
      return { written: remote.written, dropped: remote.dropped + local.dropped, queued: remote.queued + local.queued, files: remote.files };
    },
  };
}
