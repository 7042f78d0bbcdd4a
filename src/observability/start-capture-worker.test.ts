import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureContext, CaptureEntry } from './capture-entry.js';
import { startCaptureWorker } from './start-capture-worker.js';

const formatKey = ['sk', '-proj-', 'Ab12Cd34Ef56Gh78Ij90KlMn'].join('');
const configuredKey = 'configured-upstream-key-0042';

async function readLines(path: string): Promise<CaptureEntry[]> {
  const text = await readFile(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as CaptureEntry);
}

const contextFor = (sessionId: string): CaptureContext => ({ source: '127.0.0.1(test)', destination: 'openai', sessionId, backend: 'openai', model: 'gpt-4o', keyName: 'OPENAI_API_KEY' });
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

let directory = '';
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'capture-worker-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('startCaptureWorker', () => {
  it('should write every record of 50 interleaved streams as a redacted line, in order', async () => {
    const file = join(directory, 'logs', 'wire.jsonl');
    const capture = startCaptureWorker({ file, knownSecrets: [configuredKey] });
    let sequence = 0;
    const stream = async (index: number): Promise<void> => {
      const context = contextFor(`session-${index}`);
      const write = (direction: 'stream_start' | 'stream_chunk' | 'stream_end', payload: unknown): void => {
        sequence += 1;
        capture.write({ direction, payload, context, now: 1_736_524_721_039 + sequence, sequence, metadata: { index } });
      };
      capture.write({ direction: 'outbound_request', payloadJson: JSON.stringify({ key: configuredKey, n: index }), context, now: 0, sequence: (sequence += 1) });
      write('stream_start', null);
      for (let chunk = 0; chunk < 20; chunk += 1) {
        write('stream_chunk', { data: JSON.stringify({ chunk, echo: chunk === 3 ? formatKey : 'x' }) });
        if (chunk % 4 === index % 4) await tick();
      }
      write('stream_end', null);
    };
    await Promise.all(Array.from({ length: 50 }, (_, index) => stream(index)));
    await capture.flush();
    expect(capture.stats()).toEqual({ written: 50 * 23, dropped: 0, queued: 0, files: 1 });
    await capture.close();

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(formatKey);
    expect(text).not.toContain(configuredKey);
    const lines = await readLines(file);
    expect(lines).toHaveLength(50 * 23);
    for (let index = 0; index < 50; index += 1) {
      const own = lines.filter((line) => line.session_id === `session-${index}`);
      expect(own.map((line) => line.direction)).toEqual(['outbound_request', 'stream_start', ...Array(20).fill('stream_chunk'), 'stream_end']);
      expect(own[0]?.payload).toEqual({ key: '[REDACTED]', n: index });
      expect(own.slice(2, -1).map((line) => JSON.parse((line.payload as { data: string }).data).chunk)).toEqual([...Array(20).keys()]);
      expect(own[5]?.payload).toEqual({ data: '{"chunk":3,"echo":"[REDACTED]"}' });
    }
    expect(lines.map((line) => line.sequence)).toEqual([...lines.map((line) => line.sequence)].sort((a, b) => a - b));
  });

  it('should drop and count what exceeds maxQueuedEntries while the worker has not taken it', async () => {
    const file = join(directory, 'wire.jsonl');
    const capture = startCaptureWorker({ file, knownSecrets: [], maxQueuedEntries: 100 });
    const context = contextFor('s');
    for (let index = 0; index < 250; index += 1) capture.write({ direction: 'stream_chunk', payload: { index }, context, now: 0, sequence: index });
    expect(capture.stats()).toMatchObject({ dropped: 150, queued: 100 });
    await capture.close();
    expect(capture.stats()).toMatchObject({ written: 100, dropped: 150, queued: 0 });
    expect((await readLines(file)).map((line) => (line.payload as { index: number }).index)).toEqual([...Array(100).keys()]);
  });

  it('should report I/O errors and count the lost lines, and drop writes after close', async () => {
    const blocker = join(directory, 'not-a-directory');
    await writeFile(blocker, 'x');
    const errors: unknown[] = [];
    const capture = startCaptureWorker({ file: join(blocker, 'wire.jsonl'), knownSecrets: [], onError: (error) => errors.push(error) });
    capture.write({ direction: 'stream_start', payload: null, context: contextFor('s'), now: 0, sequence: 1 });
    await capture.flush();
    expect(capture.stats()).toMatchObject({ written: 0, dropped: 1 });
    expect(String(errors[0])).toMatch(/wire capture: .*not-a-directory/);
    await capture.close();
    capture.write({ direction: 'stream_end', payload: null, context: contextFor('s'), now: 0, sequence: 2 });
    expect(capture.stats().dropped).toBe(2);
  });

  it('should lose only the batch holding a payload that cannot cross threads', async () => {
    const file = join(directory, 'wire.jsonl');
    const errors: unknown[] = [];
    const capture = startCaptureWorker({ file, knownSecrets: [], onError: (error) => errors.push(error) });
    const context = contextFor('s');
    capture.write({ direction: 'stream_chunk', payload: { run: () => 1 }, context, now: 0, sequence: 1 });
    await tick();
    capture.write({ direction: 'stream_chunk', payload: { fine: true }, context, now: 0, sequence: 2 });
    await capture.close();
    expect(errors).toHaveLength(1);
    expect(capture.stats()).toMatchObject({ written: 1, dropped: 1 });
    expect((await readLines(file)).map((line) => line.payload)).toEqual([{ fine: true }]);
  });
});
