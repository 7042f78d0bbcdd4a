import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../test/temp-directory.js';
import type { CaptureContext } from './capture-entry.js';
import { readCaptureLines } from '../../test/capture-entry-sink.js';
import { startCaptureWorker } from './start-capture-worker.js';
import { newThreadNiceValues, threadNiceValues } from '../../test/thread-nice-values.js';

const formatKey = ['sk', '-proj-', 'Ab12Cd34Ef56Gh78Ij90KlMn'].join('');
const configuredKey = 'configured-upstream-key-0042';

const contextFor = (sessionId: string): CaptureContext => ({ source: '127.0.0.1(test)', destination: 'openai', sessionId, backend: 'openai', model: 'gpt-4o', keyName: 'OPENAI_API_KEY' });
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const tempDirectory = useTempDirectory('capture-worker-');

describe('startCaptureWorker', () => {
  it('should write every record of 50 interleaved streams as a redacted line, in order', async () => {
    const file = join(tempDirectory(), 'logs', 'wire.jsonl');
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
    const lines = await readCaptureLines(file);
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

  it.runIf(process.platform === 'linux')('should run its worker thread at the lowest priority, leaving the calling thread as it was', async () => {
    const before = threadNiceValues();
    const ownNice = before.get(process.pid);
    const capture = startCaptureWorker({ file: join(tempDirectory(), 'wire.jsonl'), knownSecrets: [] });
    capture.write({ direction: 'stream_start', payload: null, context: contextFor('s'), now: 1, sequence: 1 });
    // A flush is answered by the worker once it serves, which is after it lowered its priority.
    await capture.flush();
    expect(newThreadNiceValues(before)).toContain(19);
    expect(threadNiceValues().get(process.pid)).toBe(ownNice);
    await capture.close();
  });

  it('should never let more than maxQueuedEntries wait for the worker, dropping and counting the rest', async () => {
    const file = join(tempDirectory(), 'wire.jsonl');
    const capture = startCaptureWorker({ file, knownSecrets: [], maxQueuedEntries: 100 });
    const context = contextFor('s');
    for (let index = 0; index < 5000; index += 1) {
      capture.write({ direction: 'stream_chunk', payload: { index }, context, now: 0, sequence: index });
      expect(capture.stats().queued).toBeLessThanOrEqual(100);
    }
    // The worker takes records while they are written (it runs beside this thread), so how many
    // were dropped depends on its pace; what was kept is in order, and everything is counted.
    expect(capture.stats().dropped).toBeGreaterThan(0);
    await capture.close();
    const { written, dropped, queued } = capture.stats();
    expect(written + dropped).toBe(5000);
    expect(queued).toBe(0);
    const indexes = (await readCaptureLines(file)).map((line) => (line.payload as { index: number }).index);
    expect(indexes).toHaveLength(written);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });

  it('should send records too large for the ring as messages, in their place, and drop what a full ring cannot take', async () => {
    const file = join(tempDirectory(), 'wire.jsonl');
    const capture = startCaptureWorker({ file, knownSecrets: [], ringBytes: 64 * 1024, maxQueuedEntries: 1_000_000 });
    const context = contextFor('s');
    const large = 'x'.repeat(100_000);
    capture.write({ direction: 'stream_chunk', payload: 'before', context, now: 0, sequence: 1 });
    capture.write({ direction: 'stream_chunk', payload: large, context, now: 0, sequence: 2 });
    capture.write({ direction: 'stream_chunk', payload: 'after', context, now: 0, sequence: 3 });
    await capture.flush();
    expect(capture.stats()).toMatchObject({ written: 3, dropped: 0 });
    // 20 MB through a 64 KiB ring in a few milliseconds: more than the worker can take meanwhile.
    const chunk = 'y'.repeat(1000);
    for (let index = 0; index < 20_000; index += 1) capture.write({ direction: 'stream_chunk', payload: chunk, context, now: 0, sequence: 4 + index });
    await capture.close();
    const { written, dropped } = capture.stats();
    expect(dropped).toBeGreaterThan(0);
    expect(written + dropped).toBe(20_003);
    const lines = await readCaptureLines(file);
    expect(lines.slice(0, 3).map((line) => line.payload)).toEqual(['before', large, 'after']);
    expect(lines).toHaveLength(written);
    expect(lines.map((line) => line.sequence)).toEqual([...lines.map((line) => line.sequence)].sort((a, b) => a - b));
  });

  it('should report I/O errors and count the lost lines, and drop writes after close', async () => {
    const blocker = join(tempDirectory(), 'not-a-directory');
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

  it('should lose only the record whose payload JSON cannot hold', async () => {
    const file = join(tempDirectory(), 'wire.jsonl');
    const errors: unknown[] = [];
    const capture = startCaptureWorker({ file, knownSecrets: [], onError: (error) => errors.push(error) });
    const context = contextFor('s');
    capture.write({ direction: 'stream_chunk', payload: { big: 1n }, context, now: 0, sequence: 1 });
    capture.write({ direction: 'stream_chunk', payload: { fine: true }, context, now: 0, sequence: 2 });
    await capture.close();
    expect(errors).toHaveLength(1);
    expect(capture.stats()).toMatchObject({ written: 1, dropped: 1 });
    expect((await readCaptureLines(file)).map((line) => line.payload)).toEqual([{ fine: true }]);
  });
});
