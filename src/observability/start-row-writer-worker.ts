import type { BatchWriteQueueStats } from './batch-write-queue.js';
import type { ObservabilityTable, RowWriter, SqlRow } from './row-writer.js';
import { startBatchWorker } from './start-batch-worker.js';

export interface RowWriterWorkerOptions {
  /** The SQLite file (the worker opens its own connection; `:memory:` cannot be shared). */
  readonly file: string;
  readonly maxQueued?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * The row writer in a worker thread: `insert` only copies the row into the worker's ring; the
 * worker batches and commits them on its own connection. Readers on this thread call
 * `flush` first, then read through their own connection (WAL lets both work at once).
 *
 * @example
 * const writer = startRowWriterWorker({ file: defaultObservabilityDatabaseFile(dataDir) });
 * const usage = openUsageStore({ database, writer });
 */
export function startRowWriterWorker(options: RowWriterWorkerOptions): RowWriter {
  const maxQueued = options.maxQueued ?? 10_000;
  const worker = startBatchWorker<readonly [ObservabilityTable, SqlRow], BatchWriteQueueStats, { readonly file: string; readonly maxQueued: number }>({
    script: 'row-writer-worker',
    data: { file: options.file, maxQueued },
    encode: ([table, row]) => [table, ...row],
    maxQueued,
    initialStats: { queued: 0, dropped: 0, failed: 0 },
    // Rows wait up to 100 ms for their transaction anyway (see createBatchWriteQueue).
    gatherMs: 50,
    ringBytes: 1024 * 1024,
    // Below the event loop, but not at the bottom: a usage row lost is a request not accounted
    // for, so on a machine kept busy by others this worker still gets its share to keep up.
    nice: 10,
    onError: options.onError ?? (() => undefined),
  });
  return {
    insert: (table, row) => worker.write([table, row]),
    flush: () => worker.flush(),
    close: () => worker.close(),
    stats: () => {
      const [remote, local] = [worker.workerStats(), worker.local()];
      return { queued: remote.queued + local.queued, dropped: remote.dropped + local.dropped, failed: remote.failed };
    },
  };
}
