import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openObservabilityDatabase } from './open-observability-database.js';
import type { PendingTokenCount, UsageRecordInput } from './usage-record.js';
import { usageSchemaSql } from './usage-schema.js';
import { openUsageStore, type UsageStore } from './usage-store.js';

const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 1);

const row = (overrides: Partial<UsageRecordInput> = {}): UsageRecordInput => ({
  timestamp: t0,
  backend: 'openai',
  model: 'gpt-4o',
  status: 200,
  stream: true,
  inputTokens: 10,
  outputTokens: 5,
  latencyMs: 100,
  ttfbMs: 20,
  ...overrides,
});

// Rows are written together after the queue's flush delay (100 ms), never in the caller.
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

let directory = '';
let store: UsageStore | undefined;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'usage-store-'));
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  await rm(directory, { recursive: true, force: true });
});

describe('openUsageStore', () => {
  it('should index the usage table by time only, dropping the per-column indexes earlier versions made', async () => {
    const file = join(directory, 'proxy.db');
    const old = openObservabilityDatabase(file);
    old.exec(usageSchemaSql);
    for (const column of ['backend', 'model', 'project']) old.exec(`CREATE INDEX usage_${column} ON usage (${column}, timestamp)`);
    old.close();
    store = openUsageStore({ file });
    const check = openObservabilityDatabase(file);
    const indexes = check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage'").pluck().all();
    check.close();
    expect(indexes).toEqual(['usage_timestamp']);
  });

  it('should create the file in WAL mode and keep rows across reopening', async () => {
    const file = join(directory, 'data', 'proxy.db');
    store = openUsageStore({ file });
    store.record(row());
    await store.close();
    const database = openObservabilityDatabase(file);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    database.close();
    store = openUsageStore({ file });
    expect(await store.recent()).toHaveLength(1);
  });

  it('should enqueue records and write them together after the flush delay, not in the caller', async () => {
    const file = join(directory, 'proxy.db');
    store = openUsageStore({ file });
    const reader = openObservabilityDatabase(file);
    const count = (): number => (reader.prepare('SELECT COUNT(*) AS n FROM usage').get() as { n: number }).n;
    store.record(row());
    store.record(row());
    expect(count()).toBe(0);
    expect(store.queueStats().queued).toBe(2);
    await nextTurn();
    expect(count()).toBe(2);
    reader.close();
  });

  it('should map every column of a recorded row', async () => {
    store = openUsageStore({ file: ':memory:' });
    store.record(
      row({
        sessionId: 's1',
        project: 'proj',
        clientProtocol: 'anthropic',
        keyName: 'OPENAI_API_KEY',
        reasoningTokens: 3,
        tokensEstimated: true,
        loopCut: true,
        toolLoopBroken: true,
        repaired: true,
        stream: false,
        status: 499,
      }),
    );
    expect(await store.recent()).toEqual([
      {
        id: 1,
        timestamp: t0,
        timestamp_iso: '2026-01-01T00:00:00.000Z',
        session_id: 's1',
        project: 'proj',
        client_protocol: 'anthropic',
        backend: 'openai',
        model: 'gpt-4o',
        key_name: 'OPENAI_API_KEY',
        input_tokens: 10,
        output_tokens: 5,
        reasoning_tokens: 3,
        total_tokens: 15,
        tokens_estimated: true,
        latency_ms: 100,
        ttfb_ms: 20,
        status: 499,
        stream: false,
        loop_cut: true,
        tool_loop_broken: true,
        repaired: true,
      },
    ]);
  });

  it('should total usage and break it down per backend and model', async () => {
    store = openUsageStore({ file: join(directory, 'proxy.db') });
    store.record(row());
    store.record(row({ inputTokens: 30, outputTokens: 15, latencyMs: 300, ttfbMs: 40, reasoningTokens: 7 }));
    store.record(row({ backend: 'anthropic', model: 'claude-sonnet-4', status: 529, latencyMs: 50, ttfbMs: undefined, loopCut: true }));
    const stats = await store.stats();
    expect(stats.totals).toEqual({
      requests: 3,
      input_tokens: 50,
      output_tokens: 25,
      reasoning_tokens: 7,
      total_tokens: 75,
      errors: 1,
      estimated: 0,
      loop_cuts: 1,
      tool_loops_broken: 0,
      repairs: 0,
      avg_latency_ms: 150,
      avg_ttfb_ms: 30,
    });
    expect(stats.by_model.map((entry) => [entry.backend, entry.model, entry.requests, entry.total_tokens, entry.errors])).toEqual([
      ['openai', 'gpt-4o', 2, 60, 0],
      ['anthropic', 'claude-sonnet-4', 1, 15, 1],
    ]);
    expect(stats.filters).toEqual({});
  });

  it('should apply project, backend, model and time filters', async () => {
    store = openUsageStore({ file: ':memory:' });
    store.record(row({ project: 'a', timestamp: t0 }));
    store.record(row({ project: 'b', timestamp: t0 + 1000 }));
    store.record(row({ project: 'a', backend: 'gemini', model: 'gemini-2.5-pro', timestamp: t0 + 2000 }));
    expect((await store.stats({ project: 'a' })).totals.requests).toBe(2);
    expect((await store.stats({ backend: 'gemini' })).totals.requests).toBe(1);
    expect((await store.stats({ model: 'gpt-4o', project: 'a' })).totals.requests).toBe(1);
    expect((await store.stats({ since: t0 + 1000 })).totals.requests).toBe(2);
    expect((await store.stats({ until: t0 + 1000 })).totals.requests).toBe(1);
    expect((await store.stats({ since: t0 + 500, until: t0 + 1500 })).filters).toEqual({ since: t0 + 500, until: t0 + 1500 });
    const empty = await store.stats({ project: 'none' });
    expect(empty.totals).toMatchObject({ requests: 0, total_tokens: 0, avg_latency_ms: null });
    expect(empty.by_model).toEqual([]);
  });

  it('should write a batch of rows in groups of sixteen and then one by one, each value in its column and in order', async () => {
    store = openUsageStore({ file: ':memory:' });
    // 37 rows: two groups of sixteen, then five alone.
    const rows = Array.from({ length: 37 }, (_, index) =>
      row({ timestamp: t0 + index, sessionId: `s${index}`, inputTokens: index, outputTokens: 2 * index, latencyMs: 3 * index, status: 200 + (index % 3), ...(index % 2 === 0 ? { project: `p${index}` } : {}) }),
    );
    for (const each of rows) store.record(each);
    const stored = (await store.recent()).reverse();
    expect(stored.map((entry) => entry.id)).toEqual(rows.map((_, index) => index + 1));
    expect(stored.map(({ timestamp, session_id, project, input_tokens, output_tokens, latency_ms, status }) => ({ timestamp, session_id, project, input_tokens, output_tokens, latency_ms, status }))).toEqual(
      rows.map((each, index) => ({ timestamp: each.timestamp, session_id: `s${index}`, project: each.project ?? null, input_tokens: index, output_tokens: 2 * index, latency_ms: 3 * index, status: each.status })),
    );
  });

  it('should return recent rows newest first, clamping the limit to 1-1000', async () => {
    store = openUsageStore({ file: ':memory:' });
    for (let index = 0; index < 1005; index += 1) store.record(row({ timestamp: t0 + index }));
    expect((await store.recent(3)).map((entry) => entry.timestamp)).toEqual([t0 + 1004, t0 + 1003, t0 + 1002]);
    expect(await store.recent(5000)).toHaveLength(1000);
    expect(await store.recent(0)).toHaveLength(1);
    expect(await store.recent(Number.NaN)).toHaveLength(100);
  });

  it('should delete rows older than the retention, at open and on prune', async () => {
    const file = join(directory, 'proxy.db');
    let now = t0;
    store = openUsageStore({ file, retentionDays: 7, now: () => now });
    store.record(row({ timestamp: t0 - 8 * day }));
    store.record(row({ timestamp: t0 - 6 * day }));
    store.record(row({ timestamp: t0 }));
    expect(await store.prune()).toBe(1);
    now = t0 + 2 * day;
    await store.close();
    store = openUsageStore({ file, retentionDays: 7, now: () => now });
    expect((await store.recent()).map((entry) => entry.timestamp)).toEqual([t0]);
  });

  it('should keep everything when no retention is set', async () => {
    store = openUsageStore({ file: ':memory:' });
    store.record(row({ timestamp: 0 }));
    expect(await store.prune(t0)).toBe(0);
    expect(await store.recent()).toHaveLength(1);
  });

  it('should drop and count records beyond the queue bound, and after close', async () => {
    store = openUsageStore({ file: ':memory:', maxQueued: 2 });
    store.record(row());
    store.record(row());
    store.record(row());
    expect(store.queueStats()).toEqual({ queued: 2, dropped: 1, failed: 0 });
    expect(await store.recent()).toHaveLength(2);
    await store.close();
    store.record(row());
    expect(store.queueStats()).toEqual({ queued: 0, dropped: 2, failed: 0 });
    store = undefined;
  });

  it('should report a failed batch instead of throwing at the caller', async () => {
    const errors: unknown[] = [];
    store = openUsageStore({ file: ':memory:', onError: (error) => errors.push(error) });
    store.record(row({ backend: null as unknown as string }));
    await nextTurn();
    expect(errors).toHaveLength(1);
    expect(store.queueStats().failed).toBe(1);
  });

  it('should make the counts a row left pending when it is written, and keep what the upstream reported', async () => {
    const counted: PendingTokenCount[] = [];
    store = openUsageStore({
      file: join(directory, 'proxy.db'),
      countTokens: (pending) => {
        counted.push(pending);
        return { inputTokens: 40 + (pending.input?.fixed ?? 0), outputTokens: pending.output?.length ?? 0 };
      },
    });
    const pending = { model: 'gpt-4o', input: { texts: ['hello'], fixed: 6 }, output: 'four' };
    store.record(row({ inputTokens: undefined, outputTokens: undefined, tokensEstimated: true, pendingCount: pending }));
    store.record(row({ inputTokens: 12, outputTokens: undefined, tokensEstimated: true, pendingCount: { model: 'gpt-4o', output: 'seven!!' }, timestamp: t0 + 1 }));
    expect(counted).toEqual([]);
    const [partial, whole] = await store.recent();
    expect(counted).toEqual([pending, { model: 'gpt-4o', output: 'seven!!' }]);
    expect(whole).toMatchObject({ input_tokens: 46, output_tokens: 4, total_tokens: 50, tokens_estimated: true });
    expect(partial).toMatchObject({ input_tokens: 12, output_tokens: 7, tokens_estimated: true });
  });

  it('should still write a row whose count fails (0 tokens), and report the failure', async () => {
    const errors: unknown[] = [];
    store = openUsageStore({
      file: join(directory, 'proxy.db'),
      countTokens: () => {
        throw new Error('no encoder');
      },
      onError: (error) => errors.push(error),
    });
    store.record(row({ inputTokens: undefined, outputTokens: undefined, tokensEstimated: true, pendingCount: { model: 'x', output: 'y' } }));
    expect(await store.recent()).toMatchObject([{ input_tokens: 0, output_tokens: 0, tokens_estimated: true }]);
    expect(errors).toEqual([new Error('no encoder')]);
  });
});
