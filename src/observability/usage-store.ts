import { clampLimit } from './clamp-limit.js';
import type { BatchWriteQueueStats } from './batch-write-queue.js';
import { openObservabilityDatabase, type ObservabilityDatabase } from './open-observability-database.js';
import { queryUsageStats, type UsageFilters, type UsageStats } from './query-usage-stats.js';
import { storeWriter, type RowWriter } from './row-writer.js';
import { fromStoredUsageRow, toUsageParameters, type StoredUsageRow, type TokenCounter, type UsageRecordInput, type UsageRow } from './usage-record.js';

export interface UsageStoreOptions {
  /** SQLite file (`':memory:'` allowed); ignored when `database` is given. */
  readonly file?: string;
  /** A database opened elsewhere (shared with the audit store); the store does not close it. */
  readonly database?: ObservabilityDatabase;
  /**
   * Where rows are written (shared with the audit store; the gateway uses `startRowWriterWorker`).
   * Default: a writer on this thread and connection, closed with the store.
   */
  readonly writer?: RowWriter;
  /** Rows older than this are deleted at open, hourly, and by `prune` (default: kept forever). */
  readonly retentionDays?: number;
  readonly maxQueued?: number;
  /** Makes the counts a row left pending, for this store's own writer (see `countPendingTokens`). */
  readonly countTokens?: TokenCounter;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

export interface UsageStore {
  /** Hands one request's row to the writer; written in a batch later, never on the response path. */
  record(row: UsageRecordInput): void;
  /** Totals and per-model figures, once every row recorded before the call is written. */
  stats(filters?: UsageFilters): Promise<UsageStats>;
  /** The newest rows first; `limit` is clamped to 1-1000 (default 100). */
  recent(limit?: number): Promise<UsageRow[]>;
  /** Deletes rows older than the retention; returns how many. */
  prune(now?: number): Promise<number>;
  queueStats(): BatchWriteQueueStats;
  close(): Promise<void>;
}

const dayMs = 86_400_000;
const hourMs = 3_600_000;

/**
 * Opens the usage store (SEED-SPEC §9): one row per request in SQLite, written in batches off the
 * response path (by a worker thread in the gateway), with totals and per-model breakdowns for
 * `GET /usage/stats` and the newest rows for `GET /usage/recent`. Reads flush the writer first,
 * so they see every recorded row.
 *
 * @example
 * const usage = openUsageStore({ file: defaultObservabilityDatabaseFile(dataDir), retentionDays: 30 });
 * usage.record({ timestamp: Date.now(), backend: 'openai', model: 'gpt-4o', status: 200, stream: true, inputTokens: 12 });
 * await usage.stats({ backend: 'openai', since: Date.now() - dayMs });
 */
export function openUsageStore(options: UsageStoreOptions): UsageStore {
  const owned = options.database === undefined;
  const database = options.database ?? openObservabilityDatabase(options.file ?? ':memory:');
  const now = options.now ?? Date.now;
  const { writer, owned: ownWriter } = storeWriter(database, options);
  const selectRecent = database.prepare('SELECT * FROM usage ORDER BY timestamp DESC, id DESC LIMIT ?');
  const deleteOlder = database.prepare('DELETE FROM usage WHERE timestamp < ?');

  const retentionMs = options.retentionDays === undefined || options.retentionDays <= 0 ? undefined : options.retentionDays * dayMs;
  const deleteBefore = (at: number): number => (retentionMs === undefined ? 0 : deleteOlder.run(at - retentionMs).changes);
  const prune = async (at: number = now()): Promise<number> => {
    if (retentionMs === undefined) return 0;
    await writer.flush();
    return deleteBefore(at);
  };
  // At open nothing of this store is waiting to be written: prune at once.
  deleteBefore(now());
  const pruneTimer = setInterval(() => {
    prune().catch((error: unknown) => options.onError?.(error));
  }, hourMs);
  pruneTimer.unref();

  return {
    record: (row) => writer.insert('usage', toUsageParameters(row)),
    async stats(filters = {}) {
      await writer.flush();
      return queryUsageStats(database, filters);
    },
    async recent(limit = 100) {
      await writer.flush();
      return (selectRecent.all(clampLimit(limit)) as StoredUsageRow[]).map(fromStoredUsageRow);
    },
    prune,
    queueStats: () => writer.stats(),
    async close() {
      clearInterval(pruneTimer);
      if (ownWriter) await writer.close();
      if (owned) database.close();
    },
  };
}
