/**
 * The usage table. `CREATE … IF NOT EXISTS` makes the migration idempotent; a later schema
 * change adds an `ALTER TABLE` step guarded by `PRAGMA user_version`.
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
CREATE INDEX IF NOT EXISTS usage_backend ON usage (backend, timestamp);
CREATE INDEX IF NOT EXISTS usage_model ON usage (model, timestamp);
CREATE INDEX IF NOT EXISTS usage_project ON usage (project, timestamp);
`;

/** Positional: see `toUsageParameters` for the order. */
export const insertUsageSql = `
INSERT INTO usage (timestamp, session_id, project, client_protocol, backend, model, key_name,
  input_tokens, output_tokens, reasoning_tokens, tokens_estimated, latency_ms, ttfb_ms, status,
  stream, loop_cut, tool_loop_broken, repaired)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
`;
