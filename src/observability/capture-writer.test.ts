import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../test/temp-directory.js';
import { CAPTURE_REDACTION_MARKER, createSecretRedactor } from '../redaction/redact-secrets.js';
import type { CaptureDirection, CaptureEntry, CaptureRecord } from './capture-entry.js';
import { nodeCaptureFileSystem, syncCaptureFileSystem, type CaptureFileSystem } from './capture-file-system.js';
import { readCaptureLines } from '../../test/capture-entry-sink.js';
import { createCaptureWriter } from './capture-writer.js';

let sequence = 0;

function entry(direction: CaptureDirection, sessionId: string, payload: unknown = { n: sequence }): CaptureRecord {
  sequence += 1;
  return {
    direction,
    payload,
    context: { source: '127.0.0.1(test)', destination: 'openai', sessionId, backend: 'openai', model: 'gpt-4o', keyName: 'OPENAI_API_KEY' },
    now: 1_736_524_721_039,
    sequence,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const tempDirectory = useTempDirectory('capture-writer-');

describe('createCaptureWriter', () => {
  it('should append each entry as one JSON line, creating the directory', async () => {
    const file = join(tempDirectory(), 'logs', 'wire.log');
    const writer = createCaptureWriter({ file });
    writer.write(entry('outbound_request', 's1', { model: 'gpt-4o', messages: [] }));
    writer.write(entry('inbound_response', 's1', 'data: {}'));
    await writer.close();
    const lines = await readCaptureLines(file);
    expect(lines.map((line) => line.direction)).toEqual(['outbound_request', 'inbound_response']);
    expect(lines[0]?.payload).toEqual({ model: 'gpt-4o', messages: [] });
    expect(writer.stats()).toEqual({ written: 2, dropped: 0, queued: 0, files: 1 });
  });

  it('should redact every line with its redactor: the common formats by default, or the one given', async () => {
    const formatKey = ['sk', '-proj-', 'Ab12Cd34Ef56Gh78Ij90KlMn'].join('');
    const file = join(tempDirectory(), 'wire.log');
    const writer = createCaptureWriter({ file });
    writer.write({ ...entry('stream_chunk', 's'), payload: { data: `{"echo":"${formatKey}"}` }, metadata: { error: `Bearer ${formatKey}` } });
    await writer.close();
    const [line] = await readCaptureLines(file);
    expect(line?.payload).toEqual({ data: '{"echo":"[REDACTED]"}' });
    expect(line?.metadata.error).toBe('Bearer [REDACTED]');

    const other = join(tempDirectory(), 'other.log');
    const custom = createCaptureWriter({ file: other, redactor: createSecretRedactor({ knownSecrets: ['configured-value-42'], marker: CAPTURE_REDACTION_MARKER }) });
    custom.write({ direction: 'outbound_request', payloadJson: '{"note":"configured-value-42"}', context: { source: 'proxy', destination: 'openai' }, now: 0, sequence: 1 });
    await custom.close();
    expect((await readCaptureLines(other))[0]?.payload).toEqual({ note: '[REDACTED]' });
  });

  it('should write lines larger than an arena whole, between small ones', async () => {
    const file = join(tempDirectory(), 'wire.log');
    const writer = createCaptureWriter({ file });
    // 'é' takes two bytes and '€' three: 400 000 'é' are bounded at 1.2 MB and take 0.8 MB (an arena
    // is 1 MiB); 700 000 '€' take 2.1 MB.
    const payloads = ['before', 'é'.repeat(400_000), 'between', '€'.repeat(700_000), 'after'];
    for (const payload of payloads) writer.write(entry('stream_chunk', 's', payload));
    await writer.close();
    expect((await readCaptureLines(file)).map((line) => line.payload)).toEqual(payloads);
  });

  it('should reuse an arena only once none of its lines waits for the disk', async () => {
    // Appends wait for a release, so the test decides what is on its way to the disk and when.
    const gates: (() => void)[] = [];
    let open = false;
    const gatedFs: CaptureFileSystem = {
      ...nodeCaptureFileSystem,
      async openForAppend(path) {
        const handle = await nodeCaptureFileSystem.openForAppend(path);
        return {
          append: async (data) => {
            if (!open) await new Promise<void>((resolve) => gates.push(resolve));
            await handle.append(data);
          },
          close: () => handle.close(),
        };
      },
    };
    const appending = async (): Promise<void> => {
      while (gates.length === 0) await sleep(1);
    };
    const file = join(tempDirectory(), 'wire.log');
    // Flushes only when asked; about 470 of these lines fill a 1 MiB arena, and rotation by size
    // cuts batches short, so lines of an arena can wait behind a batch written from it.
    const writer = createCaptureWriter({ file, fs: gatedFs, maxBytes: 300_000, maxFiles: 100, maxEntriesPerFlush: 1e9, bufferBytes: 1 << 30, flushIntervalMs: 60_000, maxQueuedEntries: 1e9 });
    const payload = (index: number): string => `${index}:${String(index % 10).repeat(2000)}`;
    let next = 0;
    const write = (count: number): void => {
      for (const end = next + count; next < end; next += 1) writer.write(entry('stream_chunk', 's', payload(next)));
    };

    // 1. A batch written while its arena is still being filled: that arena stays in use.
    write(100);
    const first = writer.flush();
    await appending();
    gates.shift()?.();
    await first;
    write(200);
    void writer.flush();
    await appending();
    // Those 200 lines wait for the disk; these fill the arena and the next ones.
    write(1000);

    // 2. A batch written while lines after it sit in the same arena: that arena stays in use too.
    gates.shift()?.();
    await appending();
    write(1000);

    open = true;
    for (const release of gates.splice(0)) release();
    await writer.close();
    const rotations = (await readdir(tempDirectory())).filter((name) => name.startsWith('wire.log.')).length;
    const files = [...Array.from({ length: rotations }, (_, index) => `${file}.${rotations - index}`), file];
    const payloads = (await Promise.all(files.map(readCaptureLines))).flat().map((line) => line.payload as string);
    expect(payloads).toHaveLength(next);
    payloads.forEach((each, index) => expect(each).toBe(payload(index)));
  });

  it('should keep every line whole and every stream complete with 50 concurrent writers', async () => {
    const file = join(tempDirectory(), 'wire.log');
    const writer = createCaptureWriter({ file, bufferBytes: 2048, maxEntriesPerFlush: 7, flushIntervalMs: 5 });
    const chunksPerStream = 20;
    const stream = async (id: string): Promise<void> => {
      writer.write(entry('stream_start', id));
      for (let index = 0; index < chunksPerStream; index += 1) {
        await sleep(index % 3);
        writer.write(entry('stream_chunk', id, { index, text: `chunk ${index} of ${id} `.repeat(index % 4) }));
      }
      writer.write(entry('stream_end', id));
    };
    await Promise.all(Array.from({ length: 50 }, (_, index) => stream(`session-${index}`)));
    await writer.close();

    const lines = await readCaptureLines(file);
    expect(lines).toHaveLength(50 * (chunksPerStream + 2));
    const bySession = new Map<string | null, CaptureEntry[]>();
    for (const line of lines) bySession.set(line.session_id, [...(bySession.get(line.session_id) ?? []), line]);
    expect(bySession.size).toBe(50);
    for (const entries of bySession.values()) {
      expect(entries[0]?.direction).toBe('stream_start');
      expect(entries.at(-1)?.direction).toBe('stream_end');
      const chunks = entries.filter((line) => line.direction === 'stream_chunk');
      expect(chunks.map((line) => (line.payload as { index: number }).index)).toEqual([...Array(chunksPerStream).keys()]);
    }
    expect(writer.stats().dropped).toBe(0);
  });

  it('should flush on the interval without being asked', async () => {
    const file = join(tempDirectory(), 'wire.log');
    const writer = createCaptureWriter({ file, flushIntervalMs: 10 });
    writer.write(entry('stream_start', 's'));
    for (let attempt = 0; attempt < 50 && writer.stats().written === 0; attempt += 1) await sleep(10);
    expect(await readCaptureLines(file)).toHaveLength(1);
    await writer.close();
  });

  it('should never slow the caller when the disk is slow, and count what it drops', async () => {
    const slowFs: CaptureFileSystem = {
      ...nodeCaptureFileSystem,
      openForAppend: async (path) => {
        const handle = await nodeCaptureFileSystem.openForAppend(path);
        return {
          append: async (data) => {
            await sleep(50);
            await handle.append(data);
          },
          close: () => handle.close(),
        };
      },
    };
    const file = join(tempDirectory(), 'wire.log');
    const writer = createCaptureWriter({ file, fs: slowFs, maxQueuedEntries: 1000 });
    const started = performance.now();
    for (let index = 0; index < 5000; index += 1) writer.write(entry('stream_chunk', 's', { index }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(writer.stats()).toMatchObject({ dropped: 4000, queued: 1000 });
    await writer.close();
    expect(writer.stats()).toMatchObject({ written: 1000, dropped: 4000, queued: 0 });
    expect(await readCaptureLines(file)).toHaveLength(1000);
  });

  it('should count lines of a failed append as dropped and report the error, without throwing', async () => {
    const errors: unknown[] = [];
    const failingFs: CaptureFileSystem = {
      ...nodeCaptureFileSystem,
      openForAppend: async () => ({ append: () => Promise.reject(new Error('ENOSPC: no space left on device')), close: async () => undefined }),
    };
    const writer = createCaptureWriter({ file: join(tempDirectory(), 'wire.log'), fs: failingFs, onError: (error) => errors.push(error) });
    writer.write(entry('stream_start', 's'));
    writer.write(entry('stream_end', 's'));
    await writer.close();
    expect(writer.stats()).toMatchObject({ written: 0, dropped: 2 });
    expect(errors).toHaveLength(1);
  });

  it('should drop writes after close and entries that cannot be serialised', async () => {
    const writer = createCaptureWriter({ file: join(tempDirectory(), 'wire.log'), onError: () => undefined });
    writer.write(entry('stream_chunk', 's', { count: 1n }));
    await writer.close();
    writer.write(entry('stream_chunk', 's'));
    expect(writer.stats()).toMatchObject({ written: 0, dropped: 2 });
  });
});

describe('createCaptureWriter with the file removed by hand', () => {
  it('should recreate the live file within a second', async () => {
    let now = 0;
    const file = join(tempDirectory(), 'wire.log');
    const writer = createCaptureWriter({ file, now: () => now });
    writer.write(entry('stream_start', 'before'));
    await writer.flush();
    await rm(file);
    now = 1000;
    writer.write(entry('stream_end', 'after'));
    await writer.close();
    expect((await readCaptureLines(file)).map((line) => line.session_id)).toEqual(['after']);
  });
});

// The gateway's capture worker writes synchronously (its thread exists to wait on the disk); both
// file systems must rotate and cap alike.
describe.each([
  ['node:fs/promises', nodeCaptureFileSystem],
  ['synchronous', syncCaptureFileSystem],
] as const)('createCaptureWriter rotating through %s', (_name, fs) => {
  it('should rotate by size and keep at most maxFiles rotations, each under maxBytes', async () => {
    const file = join(tempDirectory(), 'wire.log');
    const writer = createCaptureWriter({ fs, file, maxBytes: 2000, maxFiles: 3, maxEntriesPerFlush: 10 });
    for (let index = 0; index < 120; index += 1) {
      writer.write(entry('stream_chunk', 's', { index, padding: 'x'.repeat(100) }));
      if (index % 25 === 0) await writer.flush();
    }
    await writer.close();

    expect((await readdir(tempDirectory())).sort()).toEqual(['wire.log', 'wire.log.1', 'wire.log.2', 'wire.log.3']);
    const kept: number[] = [];
    for (const name of ['wire.log.3', 'wire.log.2', 'wire.log.1', 'wire.log']) {
      expect((await stat(join(tempDirectory(), name))).size).toBeLessThanOrEqual(2000);
      kept.push(...(await readCaptureLines(join(tempDirectory(), name))).map((line) => (line.payload as { index: number }).index));
    }
    // The newest entries survive, in order and without gaps.
    expect(kept.at(-1)).toBe(119);
    expect(kept).toEqual(kept.map((_, offset) => (kept[0] ?? 0) + offset));
    expect(writer.stats().files).toBe(4);
  });

  it('should keep the file and its rotations under totalMaxBytes by deleting the oldest', async () => {
    const file = join(tempDirectory(), 'wire.log');
    const writer = createCaptureWriter({ fs, file, maxBytes: 1000, maxFiles: 10, totalMaxBytes: 3000, maxEntriesPerFlush: 3 });
    for (let index = 0; index < 100; index += 1) {
      writer.write(entry('stream_chunk', 's', { index, padding: 'y'.repeat(80) }));
      if (index % 10 === 0) await writer.flush();
    }
    await writer.close();
    const names = await readdir(tempDirectory());
    const sizes = await Promise.all(names.map(async (name) => (await stat(join(tempDirectory(), name))).size));
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(3000);
    expect(names.length).toBeLessThan(10);
    const newest = await readCaptureLines(file);
    expect((newest.at(-1)?.payload as { index: number }).index).toBe(99);
  });

  it('should rotate by time when rotateIntervalMs has passed', async () => {
    let now = 0;
    const file = join(tempDirectory(), 'wire.log');
    const writer = createCaptureWriter({ fs, file, rotateIntervalMs: 1000, now: () => now });
    writer.write(entry('stream_start', 'old'));
    await writer.flush();
    now = 999;
    writer.write(entry('stream_end', 'old'));
    await writer.flush();
    now = 1000;
    writer.write(entry('stream_start', 'new'));
    await writer.close();
    expect((await readCaptureLines(`${file}.1`)).map((line) => line.session_id)).toEqual(['old', 'old']);
    expect((await readCaptureLines(file)).map((line) => line.session_id)).toEqual(['new']);
  });

  it('should count the size of files left by an earlier run', async () => {
    const file = join(tempDirectory(), 'wire.log');
    await writeFile(file, `${JSON.stringify({ earlier: 'x'.repeat(900) })}\n`);
    const writer = createCaptureWriter({ fs, file, maxBytes: 1000 });
    writer.write(entry('stream_start', 's', { padding: 'z'.repeat(200) }));
    await writer.close();
    expect(JSON.parse(await readFile(`${file}.1`, 'utf8'))).toEqual({ earlier: 'x'.repeat(900) });
    expect(await readCaptureLines(file)).toHaveLength(1);
  });
});
