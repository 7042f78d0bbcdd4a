import { CAPTURE_REDACTION_MARKER, createSecretRedactor, type SecretRedactor } from '../redaction/redact-secrets.js';
import { redactValue } from '../redaction/redact-value.js';
import type { BatchWriteQueueStats } from './batch-write-queue.js';
import { openObservabilityDatabase, type ObservabilityDatabase } from './open-observability-database.js';
import { clampLimit } from './clamp-limit.js';
import { storeWriter, type RowWriter } from './row-writer.js';

export type AuditKind = 'command' | 'auth_failure' | 'config_change';

export interface AuditEntryInput {
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  readonly kind: AuditKind;
  readonly sessionId?: string;
  readonly clientHost?: string;
  /** What happened (`{command: '!/set(model=…)', result: 'ok'}`); stored as JSON, redacted. */
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditEntry {
  readonly id: number;
  readonly timestamp: number;
  readonly timestamp_iso: string;
  readonly kind: AuditKind;
  readonly session_id: string | null;
  readonly client_host: string | null;
  readonly detail: Record<string, unknown>;
}

export interface AuditQuery {
  readonly limit?: number;
  readonly kind?: AuditKind;
  readonly since?: number;
  readonly until?: number;
}

export interface AuditStoreOptions {
  readonly file?: string;
  /** The database the usage store uses too; not closed by this store. */
  readonly database?: ObservabilityDatabase;
  /** Where rows are written (shared with the usage store); default: one on this thread, closed with the store. */
  readonly writer?: RowWriter;
  readonly retentionDays?: number;
  /** Defaults to the format patterns, marker `[REDACTED]`; pass one with the configured keys. */
  readonly redactor?: SecretRedactor;
  readonly maxQueued?: number;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

export interface AuditStore {
  record(entry: AuditEntryInput): void;
  /** Newest first, for `GET /audit/logs`; `limit` is clamped to 1-1000 (default 100). */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
  prune(now?: number): Promise<number>;
  queueStats(): BatchWriteQueueStats;
  close(): Promise<void>;
}

interface StoredAuditRow extends Omit<AuditEntry, 'detail' | 'timestamp_iso'> {
  readonly detail: string;
}

/**
 * Opens the audit log: in-chat commands run, authentication failures and config changes, in the
 * same SQLite file as the usage store, written in batches off the request path (by the usage
 * store's writer). Details are redacted before they are queued, so a key typed into a command
 * never reaches the disk.
 *
 * @example
 * const audit = openAuditStore({ database });
 * audit.record({ timestamp: Date.now(), kind: 'auth_failure', clientHost: '10.0.0.7', detail: { reason: 'bad key' } });
 */
export function openAuditStore(options: AuditStoreOptions): AuditStore {
  const owned = options.database === undefined;
  const database = options.database ?? openObservabilityDatabase(options.file ?? ':memory:');
  const redactor = options.redactor ?? createSecretRedactor({ marker: CAPTURE_REDACTION_MARKER });
  const now = options.now ?? Date.now;
  const { writer, owned: ownWriter } = storeWriter(database, options);
  const deleteOlder = database.prepare('DELETE FROM audit_log WHERE timestamp < ?');

  return {
    record(entry) {
      let detail: string;
      try {
        detail = JSON.stringify(redactValue(entry.detail, redactor)) ?? '{}';
      } catch (error) {
        options.onError?.(error);
        return;
      }
      writer.insert('audit_log', [Math.round(entry.timestamp), entry.kind, entry.sessionId ?? null, entry.clientHost ?? null, detail]);
    },
    async list(query = {}) {
      await writer.flush();
      const clauses: string[] = [];
      const parameters: Record<string, string | number> = { limit: clampLimit(query.limit ?? 100) };
      const filters = [
        ['kind', 'kind = @kind', query.kind],
        ['since', 'timestamp >= @since', query.since],
        ['until', 'timestamp < @until', query.until],
      ] as const;
      for (const [name, clause, value] of filters) {
        if (value === undefined) continue;
        clauses.push(clause);
        parameters[name] = value;
      }
      const where = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
      const rows = database
        .prepare(`SELECT * FROM audit_log ${where} ORDER BY timestamp DESC, id DESC LIMIT @limit`)
        .all(parameters) as StoredAuditRow[];
      return rows.map((row) => ({
        ...{},
        ...row,
        timestamp_iso: new Date(row.timestamp).toISOString(),
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      }));
    },
    async prune(at = now()) {
      if (options.retentionDays === undefined || options.retentionDays <= 0) return 0;
      await writer.flush();
      return deleteOlder.run(at - options.retentionDays * 86_400_000).changes;
    },
    queueStats: () => writer.stats(),
    async close() {
      if (ownWriter) await writer.close();
      if (owned) database.close();
    },
  };
}
