import { auditSchemaSql, insertAuditSql } from './audit-schema.js';
import { createBatchWriteQueue, type BatchWriteQueueStats } from './batch-write-queue.js';
import type { ObservabilityDatabase } from './open-observability-database.js';
import { completeUsageParameters, type TokenCounter } from './usage-record.js';
import { insertUsageRowsSql, insertUsageSql, usageSchemaSql } from './usage-schema.js';

/** The tables rows are appended to. */
export type ObservabilityTable = 'usage' | 'audit_log';

/** One row's values, in its insert statement's column order. */
export type SqlRow = readonly (string | number | null)[];

/** Appends rows to the observability tables, off the caller's path. */
export interface RowWriter {
  /** Queues a row; never blocks, never throws (a full queue drops and counts it). */
  insert(table: ObservabilityTable, row: SqlRow): void;
  /** Resolves once every row inserted before the call is committed (readers call it first). */
  flush(): Promise<void>;
  /** Flushes; later inserts are dropped. */
  close(): Promise<void>;
  stats(): BatchWriteQueueStats;
}

export interface RowWriterOptions {
  readonly maxQueued?: number;
  /** Makes the token counts usage rows left pending (without one, those rows keep 0). */
  readonly countTokens?: TokenCounter;
  readonly onError?: (error: unknown) => void;
}

/** Usage rows inserted by one statement when a batch has that many. */
const usageGroupRows = 16;

/** Creates the usage and audit tables if they are missing (idempotent). */
export function createObservabilityTables(database: ObservabilityDatabase): void {
  database.exec(usageSchemaSql);
  database.exec(auditSchemaSql);
}

/**
 * The row writer on this thread: rows wait in a batch queue and each batch is one transaction
 * (see `createBatchWriteQueue`). `startRowWriterWorker` runs this same writer in a worker thread.
 *
 * @example
 * const writer = createRowWriter(database);
 * writer.insert('usage', toUsageParameters(record));
 */
export function createRowWriter(database: ObservabilityDatabase, options: RowWriterOptions = {}): RowWriter {
  createObservabilityTables(database);
  const insertUsage = database.prepare(insertUsageSql);
  // Usage rows go in groups: one statement run per row cost a quarter of a row's insert.
  const insertUsageGroup = database.prepare(insertUsageRowsSql(usageGroupRows));
  const insertAudit = database.prepare(insertAuditSql);
  const insertMany = database.transaction((rows: readonly (readonly [ObservabilityTable, SqlRow])[]) => {
    const usage: SqlRow[] = [];
    for (const [table, row] of rows) {
      if (table === 'usage') usage.push(completeUsageParameters(row, options.countTokens, options.onError));
      else insertAudit.run(row);
    }
    let index = 0;
    for (; index + usageGroupRows <= usage.length; index += usageGroupRows) insertUsageGroup.run(usage.slice(index, index + usageGroupRows).flat());
    for (; index < usage.length; index += 1) insertUsage.run(usage[index]);
  });
  const queue = createBatchWriteQueue<readonly [ObservabilityTable, SqlRow]>({
    write: (rows) => insertMany(rows),
    ...(options.maxQueued === undefined ? {} : { maxQueued: options.maxQueued }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
  return {
    insert: (table, row) => queue.push([table, row]),
    flush: async () => queue.drain(),
    close: async () => queue.close(),
    stats: () => queue.stats(),
  };
}

/**
 * A store's writer: the one it was given (shared, closed by its owner), or its own on this
 * thread. Either way the tables exist afterwards, so the store can prepare its reads.
 */
export function storeWriter(
  database: ObservabilityDatabase,
  options: RowWriterOptions & { readonly writer?: RowWriter },
): { readonly writer: RowWriter; readonly owned: boolean } {
  if (options.writer === undefined) return { writer: createRowWriter(database, options), owned: true };
  createObservabilityTables(database);
  return { writer: options.writer, owned: false };
}
