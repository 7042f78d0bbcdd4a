import { clampLimit } from './clamp-limit.js';
import { createBatchWriteQueue, type BatchWriteQueueStats } from './batch-write-queue.js';
import { openObservabilityDatabase, type ObservabilityDatabase } from './open-observability-database.js';
import { queryUsageStats, type UsageFilters, type UsageStats } from './query-usage-stats.js';
import { fromStoredUsageRow, toUsageParameters, type StoredUsageRow, type UsageParameters, type UsageRecordInput, type UsageRow } from './usage-record.js';
import { insertUsageSql, usageSchemaSql } from './usage-schema.js';

export interface UsageStoreOptions {
  /** SQLite file (`':memory:'` allowed); ignored when `database` is given. */
  readonly file?: string;
  /** A database opened elsewhere (shared with the audit store); the store does not close it. */
  readonly database?: ObservabilityDatabase;
  /** Rows older than this are deleted at open, hourly, and by `prune` (default: kept forever). */
  readonly retentionDays?: number;
  readonly maxQueued?: number;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

export interface UsageStore {
  /** Enqueues one request's row; written in a batch on a later turn, never on the response path. */
  record(row: UsageRecordInput): void;
  stats(filters?: UsageFilters): UsageStats;
  /** The newest rows first; `limit` is clamped to 1-1000 (default 100). */
  recent(limit?: number): UsageRow[];
  /** Deletes rows older than the retention; returns how many. */
  prune(now?: number): number;
  queueStats(): BatchWriteQueueStats;
  close(): void;
}

const dayMs = 86_400_000;
const hourMs = 3_600_000;

/**
 * Opens the usage store (SEED-SPEC §9): one row per request in SQLite, written in batches off the
 * response path, with totals and per-model breakdowns for `GET /usage/stats` and the newest rows
 * for `GET /usage/recent`. Reads flush the queue first, so they see every recorded row.
 *
 * @example
 * const usage = openUsageStore({ file: defaultObservabilityDatabaseFile(dataDir), retentionDays: 30 });
 * usage.record({ timestamp: Date.now(), backend: 'openai', model: 'gpt-4o', status: 200, stream: true, inputTokens: 12 });
 * usage.stats({ backend: 'openai', since: Date.now() - dayMs });
 */
export function openUsageStore(options: UsageStoreOptions): UsageStore {
  const owned = options.database === undefined;
  const database = options.database ?? openObservabilityDatabase(options.file ?? ':memory:');
  const now = options.now ?? Date.now;
  database.exec(usageSchemaSql);

  const insert = database.prepare(insertUsageSql);
  const insertMany = database.transaction((rows: readonly UsageParameters[]) => {
    for (const row of rows) insert.run(row);
  });
  const queue = createBatchWriteQueue<UsageParameters>({
    write: (rows) => insertMany(rows),
    maxQueued: options.maxQueued,
    onError: options.onError,
  });
  const selectRecent = database.prepare('SELECT * FROM usage ORDER BY timestamp DESC, id DESC LIMIT ?');
  const deleteOlder = database.prepare('DELETE FROM usage WHERE timestamp < ?');

  const prune = (at: number = now()): number => {
    if (options.retentionDays === undefined || options.retentionDays <= 0) return 0;
    queue.drain();
    return deleteOlder.run(at - options.retentionDays * dayMs).changes;
  };
  prune();
  const pruneTimer = setInterval(() => {
    try {
      prune();
    } catch (error) {
      options.onError?.(error);
    }
  }, hourMs);
  pruneTimer.unref();

  return {
    record: (row) => queue.push(toUsageParameters(row)),
    stats(filters = {}) {
      queue.drain();
      return queryUsageStats(database, filters);
    },
    recent(limit = 100) {
      queue.drain();
      return (selectRecent.all(clampLimit(limit)) as StoredUsageRow[]).map(fromStoredUsageRow);
    },
    prune,
    queueStats: () => queue.stats(),
    close() {
      clearInterval(pruneTimer);
      queue.close();
      if (owned) database.close();
    },
  };
}
