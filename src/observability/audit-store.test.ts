import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../test/temp-directory.js';
import { createSecretRedactor } from '../redaction/redact-secrets.js';
import { openAuditStore } from './audit-store.js';
import { openObservabilityDatabase } from './open-observability-database.js';
import { openUsageStore } from './usage-store.js';

const t0 = Date.UTC(2026, 0, 1);
const tempDirectory = useTempDirectory('audit-store-');

describe('openAuditStore', () => {
  it('should record commands, auth failures and config changes and list them newest first', async () => {
    const audit = openAuditStore({ file: join(tempDirectory(), 'proxy.db') });
    audit.record({ timestamp: t0, kind: 'command', sessionId: 's1', clientHost: '127.0.0.1', detail: { command: '!/set(model=gpt-4o)' } });
    audit.record({ timestamp: t0 + 1, kind: 'auth_failure', clientHost: '10.0.0.7', detail: { reason: 'invalid key' } });
    audit.record({ timestamp: t0 + 2, kind: 'config_change', detail: { path: 'backends.default', from: 'openai', to: 'anthropic' } });
    const entries = await audit.list();
    expect(entries.map((entry) => entry.kind)).toEqual(['config_change', 'auth_failure', 'command']);
    expect(entries[2]).toEqual({
      id: 1,
      timestamp: t0,
      timestamp_iso: '2026-01-01T00:00:00.000Z',
      kind: 'command',
      session_id: 's1',
      client_host: '127.0.0.1',
      detail: { command: '!/set(model=gpt-4o)' },
    });
    await audit.close();
  });

  it('should filter by kind and time, and clamp the limit', async () => {
    const audit = openAuditStore({ file: ':memory:' });
    for (let index = 0; index < 10; index += 1) {
      audit.record({ timestamp: t0 + index, kind: index % 2 === 0 ? 'command' : 'auth_failure', detail: { index } });
    }
    expect(await audit.list({ kind: 'auth_failure' })).toHaveLength(5);
    expect((await audit.list({ since: t0 + 8 })).map((entry) => entry.detail.index)).toEqual([9, 8]);
    expect((await audit.list({ until: t0 + 2, kind: 'command' })).map((entry) => entry.detail.index)).toEqual([0]);
    expect(await audit.list({ limit: 3 })).toHaveLength(3);
    expect(await audit.list({ limit: -1 })).toHaveLength(1);
    await audit.close();
  });

  it('should redact secrets in the detail before storing it', async () => {
    const database = openObservabilityDatabase(':memory:');
    const audit = openAuditStore({ database, redactor: createSecretRedactor({ knownSecrets: ['my-proxy-key-42'], marker: '[REDACTED]' }) });
    audit.record({ timestamp: t0, kind: 'auth_failure', detail: { presented: 'my-proxy-key-42', header: `Bearer ${'sk-'}${'Ab12Cd34Ef56Gh78Ij90'}` } });
    await audit.list();
    const stored = database.prepare('SELECT detail FROM audit_log').get() as { detail: string };
    expect(JSON.parse(stored.detail)).toEqual({ presented: '[REDACTED]', header: 'Bearer [REDACTED]' });
    await audit.close();
    database.close();
  });

  it('should share one database with the usage store and leave it open on close', async () => {
    const database = openObservabilityDatabase(join(tempDirectory(), 'proxy.db'));
    const audit = openAuditStore({ database });
    const usage = openUsageStore({ database });
    audit.record({ timestamp: t0, kind: 'command', detail: {} });
    usage.record({ timestamp: t0, backend: 'openai', model: 'gpt-4o', status: 200, stream: false });
    expect(await audit.list()).toHaveLength(1);
    expect(await usage.recent()).toHaveLength(1);
    await audit.close();
    await usage.close();
    expect(database.open).toBe(true);
    database.close();
  });

  it('should prune entries older than the retention', async () => {
    const audit = openAuditStore({ file: ':memory:', retentionDays: 1, now: () => t0 });
    audit.record({ timestamp: t0 - 2 * 86_400_000, kind: 'command', detail: {} });
    audit.record({ timestamp: t0, kind: 'command', detail: {} });
    expect(await audit.prune()).toBe(1);
    expect(await audit.list()).toHaveLength(1);
    await audit.close();
  });
});
