import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export type ObservabilityDatabase = Database.Database;

/** The usage and audit database inside the data directory (`--data-dir`). */
export function defaultObservabilityDatabaseFile(dataDirectory: string): string {
  return join(dataDirectory, 'proxy.db');
}

/**
 * Opens (creating if needed) the SQLite file shared by the usage and audit stores: WAL mode, so
 * the admin endpoints can read while a batch is written, and `synchronous = NORMAL`, which is
 * safe with WAL and avoids an fsync per batch. `':memory:'` opens a private in-memory database.
 *
 * @example
 * const database = openObservabilityDatabase(defaultObservabilityDatabaseFile('./var'));
 */
export function openObservabilityDatabase(file: string): ObservabilityDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  return database;
}
