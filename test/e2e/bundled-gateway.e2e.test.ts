import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureEntry } from '../../src/observability/index.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream.js';
import { temporaryDirectory } from '../temp-directory.js';

/**
 * The bundle users start (`npm start` = `node dist/gateway.mjs`, built by `npm test` first), as a
 * child process: its wire-capture worker is found beside it, and SIGTERM leaves every captured
 * line and usage row on disk.
 */
const bundle = fileURLToPath(new URL('../../dist/gateway.mjs', import.meta.url));
const upstreamKey = 'sk-proj-BUNDLEDupstreamKEY0123456789abcdef';
let upstream: FakeOpenAIUpstream;
let gateway: ChildProcess;
let directory: string;
let url: string;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream({ defaultText: 'bundled answer' });
  directory = temporaryDirectory('lip-bundled-');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  url = `http://127.0.0.1:${port}`;
  gateway = spawn(process.execPath, [bundle, '--port', String(port), '--anthropic-port', String(port + 1), '--disable-auth', '--capture-file', join(directory, 'wire.jsonl'), '--data-dir', directory, '--log-level', 'warn'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '', OPENAI_API_KEY: upstreamKey, OPENAI_API_BASE_URL: upstream.baseUrl },
  });
  for (let attempt = 0; ; attempt += 1) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      if (attempt > 500) throw new Error('the bundled gateway did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});

afterAll(async () => {
  if (gateway.exitCode === null) gateway.kill('SIGKILL');
  await upstream.close();
});

describe('the bundled gateway (dist/gateway.mjs)', () => {
  it('should capture every upstream exchange in its worker and leave it all on disk after SIGTERM', async () => {
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const answers = await Promise.all(
      Array.from({ length: 5 }, async (_, index) => {
        const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: `question ${index} ${upstreamKey}` }] });
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
        return text;
      }),
    );
    expect(answers).toEqual(Array(5).fill('bundled answer'));
    const recent = (await (await fetch(`${url}/usage/recent`)).json()) as { data: unknown[] };
    expect(recent.data).toHaveLength(5);

    gateway.kill('SIGTERM');
    const [code] = (await once(gateway, 'exit')) as [number | null];
    expect(code).toBe(0);

    const text = readFileSync(join(directory, 'wire.jsonl'), 'utf8');
    expect(text).not.toContain(upstreamKey);
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as CaptureEntry);
    const requests = lines.filter((line) => line.direction === 'outbound_request');
    expect(requests).toHaveLength(5);
    for (const sent of requests) {
      const own = lines.filter((line) => line.metadata.request_id === sent.metadata.request_id);
      expect(own[0]?.direction).toBe('outbound_request');
      expect(own[1]?.direction).toBe('stream_start');
      expect(own.at(-1)).toMatchObject({ direction: 'stream_end', metadata: { reason: 'complete' } });
      expect(own.filter((line) => line.direction === 'stream_chunk').map((line) => line.payload as string).join('')).toMatch(/"content":"bund".*\n\ndata: \[DONE\]\n\n$/s);
      // Prompt redaction (on by default) masked the key before it was sent, so before it was captured.
      expect(JSON.stringify(sent.payload)).toContain('(API_KEY_HAS_BEEN_REDACTED)');
    }
  });
});
