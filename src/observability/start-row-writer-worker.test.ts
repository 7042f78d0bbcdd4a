import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../test/temp-directory.js';
import { openAuditStore } from './audit-store.js';
import { openObservabilityDatabase } from './open-observability-database.js';
import { createObservabilityTables } from './row-writer.js';
import { startRowWriterWorker } from './start-row-writer-worker.js';
import { newThreadNiceValues, threadNiceValues } from '../../test/thread-nice-values.js';
import { openUsageStore } from './usage-store.js';

const tempDirectory = useTempDirectory('row-writer-worker-');

describe('startRowWriterWorker', () => {
  it('should write usage and audit rows on its own connection, visible to readers once flushed', async () => {
    const file = join(tempDirectory(), 'proxy.db');
    const database = openObservabilityDatabase(file);
    createObservabilityTables(database);
    const writer = startRowWriterWorker({ file });
    const usage = openUsageStore({ database, writer });
    const audit = openAuditStore({ database, writer });
    const count = (): number => (database.prepare('SELECT COUNT(*) AS n FROM usage').get() as { n: number }).n;

    for (let index = 0; index < 200; index += 1) {
      usage.record({ timestamp: 1_000 + index, backend: 'openai', model: index % 2 === 0 ? 'gpt-4o' : 'o3', status: 200, stream: true, inputTokens: 2, outputTokens: 1 });
      if (index % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    audit.record({ timestamp: 5_000, kind: 'command', detail: { command: '!/help' } });
    // Nothing was written on this thread: the rows are the worker's to write.
    expect(count()).toBeLessThan(200);

    const stats = await usage.stats();
    expect(stats.totals).toMatchObject({ requests: 200, input_tokens: 400, output_tokens: 200 });
    expect((await usage.recent(2)).map((row) => row.timestamp)).toEqual([1_199, 1_198]);
    expect((await audit.list()).map((entry) => entry.detail)).toEqual([{ command: '!/help' }]);
    expect(writer.stats()).toEqual({ queued: 0, dropped: 0, failed: 0 });

    await usage.close();
    await audit.close();
    await writer.close();
    usage.record({ timestamp: 9_999, backend: 'openai', model: 'gpt-4o', status: 200, stream: false });
    expect(writer.stats().dropped).toBe(1);
    expect(count()).toBe(200);
    database.close();
  });

  it.runIf(process.platform === 'linux')('should run its worker thread below the event loop (nice 10), leaving the calling thread as it was', async () => {
    const file = join(tempDirectory(), 'proxy.db');
    const before = threadNiceValues();
    const writer = startRowWriterWorker({ file });
    await writer.flush();
    expect(newThreadNiceValues(before)).toContain(10);
    expect(threadNiceValues().get(process.pid)).toBe(before.get(process.pid));
    await writer.close();
  });

  it('should report a database it cannot open, drop the rows and still answer flushes', async () => {
    const blocker = join(tempDirectory(), 'not-a-directory');
    await writeFile(blocker, 'x');
    const errors: unknown[] = [];
    const writer = startRowWriterWorker({ file: join(blocker, 'proxy.db'), onError: (error) => errors.push(error) });
    writer.insert('usage', [0, null, null, null, 'openai', 'gpt-4o', null, 0, 0, 0, 0, null, null, 200, 0, 0, 0, 0]);
    await writer.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    writer.insert('usage', [0, null, null, null, 'openai', 'gpt-4o', null, 0, 0, 0, 0, null, null, 200, 0, 0, 0, 0]);
    expect(errors.length).toBeGreaterThan(0);
    expect(writer.stats()).toMatchObject({ queued: 0, dropped: 2 });
    await writer.close();
  });
});
