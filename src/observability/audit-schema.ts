/** The audit table (same migration rule as the usage table). */
export const auditSchemaSql = `
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  timestamp INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('command', 'auth_failure', 'config_change')),
  session_id TEXT,
  client_host TEXT,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_timestamp ON audit_log (timestamp);
CREATE INDEX IF NOT EXISTS audit_log_kind ON audit_log (kind, timestamp);
`;

/** Positional: timestamp, kind, session_id, client_host, detail (JSON). */
export const insertAuditSql = 'INSERT INTO audit_log (timestamp, kind, session_id, client_host, detail) VALUES (?, ?, ?, ?, ?)';
