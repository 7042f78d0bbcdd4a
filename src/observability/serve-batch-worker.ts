import { parentPort, workerData } from 'node:worker_threads';
import type { BatchWorkerData, FromBatchWorker, ToBatchWorker } from './batch-worker-protocol.js';

export interface BatchWorkerHandlers<Stats> {
  /** Takes one batch, still packed. */
  readonly take: (packed: readonly unknown[]) => void;
  readonly flush: () => Promise<void>;
  readonly close: () => Promise<void>;
  readonly stats: () => Stats;
}

/** The worker side of `startBatchWorker`: its own data, and a way to report errors. */
export function batchWorkerContext<Own>(): { readonly own: Own; readonly reportError: (error: unknown) => void } {
  const port = parentPort;
  if (port === null) throw new Error('a batch worker must run as a worker thread');
  const data = workerData as BatchWorkerData<Own>;
  const post = (message: FromBatchWorker<never>): void => port.postMessage(message);
  return { own: data.own, reportError: (error) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }) };
}

/** Serves the messages of `startBatchWorker` with the given handlers. */
export function serveBatchWorker<Stats>(handlers: BatchWorkerHandlers<Stats>): void {
  const port = parentPort;
  if (port === null) throw new Error('a batch worker must run as a worker thread');
  const taken = new Int32Array((workerData as BatchWorkerData<unknown>).taken);
  const post = (message: FromBatchWorker<Stats>): void => port.postMessage(message);
  port.on('message', (message: ToBatchWorker) => {
    if (message.type === 'items') {
      handlers.take(message.packed);
      Atomics.add(taken, 0, message.count);
      return;
    }
    const done = message.type === 'close' ? handlers.close() : handlers.flush();
    void done.then(() => post({ type: 'done', id: message.id, stats: handlers.stats() }));
  });
}
