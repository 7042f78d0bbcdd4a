import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  packCaptureRecord,
  type CaptureWorkerData,
  type FromCaptureWorker,
  type ToCaptureWorker,
} from './capture-worker-protocol.js';
import type { CaptureWriter, CaptureWriterOptions, CaptureWriterStats } from './capture-writer.js';

export interface CaptureWorkerOptions extends Omit<CaptureWriterOptions, 'fs' | 'now' | 'redactor'> {
  /** Configured key values, masked in every line besides the common key formats. */
  readonly knownSecrets: readonly string[];
  /** The worker script; found next to this module (or its bundle) when omitted. */
  readonly workerUrl?: URL;
}

/**
 * The capture writer in a worker thread: `write` only queues the record (no redaction, no
 * serialisation), and the queue is handed to the worker once per event-loop turn, where
 * `createCaptureWriter` does the rest. Lines, rotation, caps and counts are the writer's.
 *
 * Records still waiting on this side count against `maxQueuedEntries` too, so a worker that
 * falls behind makes `write` drop (and count) rather than grow memory. `stats()` reports the
 * worker's figures as of the last `flush`, plus what is waiting on this side.
 *
 * @example
 * const capture = startCaptureWorker({ file: 'logs/wire_capture.log', knownSecrets: [openaiKey] });
 * capture.write({ direction: 'stream_start', payload: null, context, now: Date.now(), sequence: 1 });
 * await capture.close(); // on shutdown: everything written is on disk
 */
export function startCaptureWorker(options: CaptureWorkerOptions): CaptureWriter {
  const { knownSecrets, workerUrl, onError = () => undefined, ...writerOptions } = options;
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const data: CaptureWorkerData = { options: writerOptions, knownSecrets, taken: taken.buffer as SharedArrayBuffer };
  const worker = new Worker(workerUrl ?? captureWorkerUrl(), { workerData: data });
  // An idle capture must not keep the process alive; a pending flush or close refs it (below).
  worker.unref();
  const maxQueued = options.maxQueuedEntries ?? 10_000;
  let pending: unknown[] = [];
  let pendingCount = 0;
  let posted = 0;
  let dropped = 0;
  let scheduled = false;
  let closed = false;
  let stopped = false;
  let workerStats: CaptureWriterStats = { written: 0, dropped: 0, queued: 0, files: 0 };
  let nextId = 0;
  const waiting = new Map<number, () => void>();

  const settleAll = (): void => {
    for (const resolve of waiting.values()) resolve();
    waiting.clear();
  };
  worker.on('message', (message: FromCaptureWorker) => {
    if (message.type === 'error') {
      onError(new Error(`wire capture: ${message.message}`));
      return;
    }
    workerStats = message.stats;
    waiting.get(message.id)?.();
    waiting.delete(message.id);
    if (waiting.size === 0) worker.unref();
  });
  worker.on('error', (error) => {
    stopped = true;
    onError(error);
    settleAll();
  });
  worker.on('exit', () => {
    stopped = true;
    settleAll();
  });

  const post = (message: ToCaptureWorker): boolean => {
    try {
      worker.postMessage(message);
      return true;
    } catch (error) {
      // A payload that cannot be cloned (a function, say) costs its batch, never the stream.
      onError(error);
      return false;
    }
  };
  const send = (): void => {
    scheduled = false;
    if (pendingCount === 0) return;
    const packed = pending;
    const count = pendingCount;
    pending = [];
    pendingCount = 0;
    if (!stopped && post({ type: 'records', packed })) posted += count;
    else dropped += count;
  };
  const request = (type: 'flush' | 'close'): Promise<void> => {
    send();
    if (stopped) return Promise.resolve();
    const id = nextId;
    nextId += 1;
    worker.ref();
    const done = new Promise<void>((resolve) => waiting.set(id, resolve));
    post({ type, id });
    return done;
  };
  const inFlight = (): number => posted - Atomics.load(taken, 0);

  return {
    write(record) {
      if (closed || stopped || pendingCount + inFlight() >= maxQueued) {
        dropped += 1;
        return;
      }
      packCaptureRecord(pending, record);
      pendingCount += 1;
      if (!scheduled) {
        scheduled = true;
        setImmediate(send);
      }
    },
    flush: () => request('flush'),
    async close() {
      if (closed) return;
      closed = true;
      await request('close');
      await worker.terminate();
    },
    stats: () => ({
      written: workerStats.written,
      dropped: workerStats.dropped + dropped,
      queued: workerStats.queued + pendingCount + inFlight(),
      files: workerStats.files,
    }),
  };
}

/**
 * The worker script beside this module: `capture-worker.js` in the compiled tree, or
 * `capture-worker.mjs` beside the `gateway.mjs` bundle. Run from the TypeScript sources (the
 * tests), it is the compiled one in `dist`, which `npm test` builds first.
 */
function captureWorkerUrl(): URL {
  const candidates = ['./capture-worker.js', './capture-worker.mjs', '../../dist/src/observability/capture-worker.js'].map((path) => new URL(path, import.meta.url));
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (found === undefined) throw new Error(`The wire-capture worker script is missing (looked for ${candidates.map((url) => fileURLToPath(url)).join(', ')}); run npm run build`);
  return found;
}
