import type { BatchWriteQueueStats } from './batch-write-queue.js';
import { countPendingTokens } from './count-pending-tokens.js';
import { openObservabilityDatabase } from './open-observability-database.js';
import { createRowWriter, type ObservabilityTable, type SqlRow } from './row-writer.js';
import { batchWorkerContext, serveBatchWorker } from './serve-batch-worker.js';

/**
 * The usage and audit row writer's thread (started by `startRowWriterWorker`): its own
 * connection to the SQLite file, and the ordinary row writer, so inserts and commits never run
 * on the gateway's event loop.
 */
const { own, reportError } = batchWorkerContext<{ readonly file: string; readonly maxQueued?: number }>();
const database = openObservabilityDatabase(own.file);
const writer = createRowWriter(database, { ...{}, ...(own.maxQueued === undefined ? {} : { maxQueued: own.maxQueued }), countTokens: countPendingTokens, onError: (error) => reportError(error) });
serveBatchWorker<readonly [ObservabilityTable, SqlRow], BatchWriteQueueStats>({
  decode: (values) => [values[0] as ObservabilityTable, values.slice(1)],
  take: ([table, row]) => writer.insert(table, row),
  flush: () => writer.flush(),
  close: async () => {
    await writer.close();
    database.close();
  },
  stats: () => writer.stats(),
});
