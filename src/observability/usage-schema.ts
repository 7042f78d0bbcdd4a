/**
 * The usage table. `CREATE … IF NOT EXISTS` makes the migration idempotent; a later schema
 * change adds an `ALTER TABLE` step guarded by `PRAGMA user_version`.
 *
 * One index, on the time: every row is written once per request and read rarely. The
 * `(backend|model|project, timestamp)` indexes of earlier versions doubled the cost of an insert
 * (6.4 → 3.4 µs a row in batches of 40) and gained little: over a million rows a model filter
 * took 166 ms with them and 184 ms without, and a one-day window 51 ms with them (the planner
 * chose one) and 9 ms without. Databases that have them lose them at open.
 */
export const usageSchemaSql = `
CREATE TABLE IF NOT EXISTS usage (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  timestamp INTEGER NOT NULL,
  session_id TEXT,
  project TEXT,
  client_protocol TEXT,
  backend TEXT NOT NULL,
  model TEXT NOT NULL,
  key_name TEXT,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  reasoning_tokens INTEGER NOT NULL DEFAULT 0,
  tokens_estimated INTEGER NOT NULL DEFAULT 0,
  latency_ms INTEGER,
  ttfb_ms INTEGER,
  status INTEGER NOT NULL,
  stream INTEGER NOT NULL DEFAULT 0,
  loop_cut INTEGER NOT NULL DEFAULT 0,
  tool_loop_broken INTEGER NOT NULL DEFAULT 0,
  repaired INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS usage_timestamp ON usage (timestamp);
DROP INDEX IF EXISTS usage_backend;
DROP INDEX IF EXISTS usage_model;
DROP INDEX IF EXISTS usage_project;
`;

/** The columns an insert fills, in `toUsageParameters`' order. */
export const usageInsertColumns = [
  'timestamp', 'session_id', 'project', 'client_protocol', 'backend', 'model', 'key_name',
  'input_tokens', 'output_tokens', 'reasoning_tokens', 'tokens_estimated', 'latency_ms', 'ttfb_ms', 'status',
  'stream', 'loop_cut', 'tool_loop_broken', 'repaired',
] as const;
const usagePlaceholders = `(${usageInsertColumns.map(() => '?').join(', ')})`;

/** Inserts `rows` usage rows at once, their values one after another; see `toUsageParameters` for the order. */
export function insertUsageRowsSql(rows: number): string {
  return `INSERT INTO usage (${usageInsertColumns.join(', ')}) VALUES ${Array.from({ length: rows }, () => usagePlaceholders).join(', ')}`;
}

/** Positional: see `toUsageParameters` for the order. */
export const insertUsageSql = insertUsageRowsSql(1);
