import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliFlags, resolveConfig } from '../../src/config/index.js';
import { countInputTokens, countTextTokens } from '../../src/routing/index.js';
import { buildApp } from '../../src/server/build-app.js';
import { createLogger } from '../../src/server/create-logger.js';
import type { CanonicalRequest } from '../../src/streams/canonical-request.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream.js';
import { temporaryDirectory } from '../temp-directory.js';

/**
 * Wire capture, the usage database and its endpoints, the audit log, secret redaction and
 * trusted IPs, through a real gateway with capture and accounting on.
 */
const proxyKey = 'observability-proxy-key-0123456789';
const upstreamKey = 'sk-proj-UPSTREAMsecretKEY0123456789abcdef';
const seededSecret = 'sk-ant-api03-SEEDEDsecretVALUE0123456789abcdefghij';
let upstream: FakeOpenAIUpstream;
let app: FastifyInstance;
let url: string;
let directory: string;
let captureFile: string;
let logFile: string;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream({ defaultText: 'observed answer' });
  upstream.setScenario('o-error', { kind: 'error', status: 400, body: { error: { message: `bad request mentioning ${upstreamKey}`, type: 'invalid_request_error', param: null, code: null } } });
  directory = temporaryDirectory('lip-observability-');
  captureFile = join(directory, 'wire.jsonl');
  logFile = join(directory, 'proxy.log');
  const config = resolveConfig(
    parseCliFlags(['--port', '0', '--capture-file', captureFile, '--capture-flush-interval', '0.05', '--data-dir', directory, '--trusted-ip', '10.0.0.0/8', '--log', logFile, '--log-level', 'debug']),
    { OPENAI_API_KEY: upstreamKey, OPENAI_API_BASE_URL: upstream.baseUrl, LLM_INTERACTIVE_PROXY_API_KEY: proxyKey },
  );
  app = await buildApp(config, { logger: createLogger(config) });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
  await upstream.close();
});

const headers = { authorization: `Bearer ${proxyKey}` };
async function getJson(path: string, extra: Record<string, string> = headers): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await request(`${url}${path}`, { headers: extra });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 250));

describe('wire capture', () => {
  it('should write complete JSON lines for 50 concurrent streams across protocols, each with start, chunks and end', async () => {
    const openai = new OpenAI({ apiKey: proxyKey, baseURL: `${url}/v1`, maxRetries: 0 });
    const anthropic = new Anthropic({ apiKey: proxyKey, baseURL: `${url}/anthropic`, maxRetries: 0 });
    const gemini = new GoogleGenAI({ apiKey: proxyKey, apiVersion: 'v1beta', httpOptions: { baseUrl: url } });
    await Promise.all(
      Array.from({ length: 50 }, async (_unused, index) => {
        const session = { 'x-session-id': `capture-${index}` };
        if (index % 3 === 0) await openai.chat.completions.stream({ model: `m-${index}`, messages: [{ role: 'user', content: 'hi' }] }, { headers: session }).finalChatCompletion();
        else if (index % 3 === 1) await anthropic.messages.stream({ model: `m-${index}`, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, { headers: session }).finalMessage();
        else for await (const _chunk of await gemini.models.generateContentStream({ model: `m-${index}`, contents: 'hi', config: { httpOptions: { headers: session } } })) { /* drain */ }
      }),
    );
    await settle();
    const lines = readFileSync(captureFile, 'utf8').split('\n').filter((line) => line.length > 0);
    const entries = lines.map((line) => JSON.parse(line) as { direction: string; model: string; key_name: string; session_id: string; timestamp_iso: string; timestamp_unix: number; payload: unknown; source: string; destination: string; backend: string; content_type: string; content_length: number; metadata: unknown });
    for (let index = 0; index < 50; index++) {
      const mine = entries.filter((entry) => entry.model === `m-${index}`);
      const directions = mine.map((entry) => entry.direction);
      expect(directions, `stream ${index}`).toContain('outbound_request');
      expect(directions.filter((direction) => direction === 'stream_start'), `stream ${index}`).toHaveLength(1);
      // The chunks are the upstream's network reads: joined, they are the SSE stream it sent.
      const sent = mine.filter((entry) => entry.direction === 'stream_chunk').map((entry) => entry.payload as string).join('');
      const content = sent.split('\n').filter((line) => line.startsWith('data: {')).map((line) => (JSON.parse(line.slice(6)) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '');
      expect(content.join(''), `stream ${index}`).toBe('observed answer');
      expect(sent.endsWith('data: [DONE]\n\n'), `stream ${index}`).toBe(true);
      expect(directions.filter((direction) => direction === 'stream_end'), `stream ${index}`).toHaveLength(1);
      expect(mine.every((entry) => entry.session_id === `capture-${index}`)).toBe(true);
    }
    const sample = entries.find((entry) => entry.direction === 'outbound_request');
    expect(sample).toMatchObject({ backend: 'openai', destination: 'openai', key_name: 'OPENAI_API_KEY', content_type: 'json' });
    expect(sample?.timestamp_iso).toMatch(/^\d{4}-\d\d-\d\dT.*[+-]\d\d:\d\d$/);
    expect(typeof sample?.content_length).toBe('number');
  });
});

describe('secret redaction', () => {
  it('should mask keys in prompts before forwarding, and keep every secret out of captures, logs and error bodies', async () => {
    const openai = new OpenAI({ apiKey: proxyKey, baseURL: `${url}/v1`, maxRetries: 0 });
    await openai.chat.completions.create({ model: 'redact', messages: [{ role: 'system', content: `key ${upstreamKey}` }, { role: 'user', content: `my key is ${seededSecret} ok` }] });
    const forwarded = JSON.stringify(upstream.requests.at(-1)?.body);
    expect(forwarded).toContain('(API_KEY_HAS_BEEN_REDACTED)');
    expect(forwarded).not.toContain(seededSecret);
    expect(forwarded).not.toContain(upstreamKey);

    const error = (await openai.chat.completions.create({ model: 'o-error', messages: [{ role: 'user', content: 'x' }] }).catch((caught: unknown) => caught)) as Error;
    expect(error.message).not.toContain(upstreamKey);
    await settle();
    const everything = [readFileSync(captureFile, 'utf8'), readFileSync(logFile, 'utf8'), error.message].join('\n');
    for (const secret of [upstreamKey, seededSecret, proxyKey]) expect(everything).not.toContain(secret);
  });

  it('should let a session turn prompt redaction off', async () => {
    const session = new OpenAI({ apiKey: proxyKey, baseURL: `${url}/v1`, maxRetries: 0, defaultHeaders: { 'x-session-id': 'no-redact' } });
    await session.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: '!/set(redact-api-keys-in-prompts=false)' }] });
    await session.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: `keep ${seededSecret}` }] });
    expect(JSON.stringify(upstream.requests.at(-1)?.body)).toContain(seededSecret);
  });
});

describe('usage and audit endpoints', () => {
  it('should count the tokens of a stream the client hung up on, in the row writer (the upstream sent no usage)', async () => {
    upstream.setScenario('usage-cancel', { kind: 'endless', text: 'tick ', intervalMs: 5 });
    const openai = new OpenAI({ apiKey: proxyKey, baseURL: `${url}/v1`, maxRetries: 0 });
    const prompt = 'Count my prompt, please: naïve 東京.';
    const stream = await openai.chat.completions.create({ model: 'usage-cancel', stream: true, messages: [{ role: 'user', content: prompt }] });
    let received = '';
    for await (const chunk of stream) {
      received += chunk.choices[0]?.delta.content ?? '';
      if (received.length >= 15) break;
    }
    await settle();
    const rows = (await getJson('/usage/recent?limit=200')).body.data as { model: string; input_tokens: number; output_tokens: number; tokens_estimated: boolean; status: number }[];
    const row = rows.find((each) => each.model === 'usage-cancel');
    const canonical: CanonicalRequest = { model: 'usage-cancel', stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }] };
    // Headers (200) had gone out, but the answer was abandoned: the row says so.
    expect(row).toMatchObject({ status: 499, tokens_estimated: true, input_tokens: countInputTokens(canonical, 'usage-cancel') });
    // The gateway may have passed on a few more ticks than the client read before the hang-up.
    expect(row?.output_tokens).toBeGreaterThanOrEqual(countTextTokens(received, 'usage-cancel'));
  });

  it('should record one usage row per request, streaming and not, in every protocol, with filters', async () => {
    const openai = new OpenAI({ apiKey: proxyKey, baseURL: `${url}/v1`, maxRetries: 0, defaultHeaders: { 'x-session-id': 'usage-session' } });
    await openai.chat.completions.create({ model: 'usage-unary', messages: [{ role: 'user', content: '!/set(project=billing)' }] });
    await openai.chat.completions.create({ model: 'usage-unary', messages: [{ role: 'user', content: 'hi' }] });
    await openai.chat.completions.stream({ model: 'usage-stream', messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion();
    const anthropic = new Anthropic({ apiKey: proxyKey, baseURL: `${url}/anthropic`, maxRetries: 0 });
    await anthropic.messages.create({ model: 'usage-anthropic', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });
    await settle();
    const recent = await getJson('/usage/recent?limit=200');
    const rows = recent.body.data as { model: string; stream: number | boolean; client_protocol: string; input_tokens: number; output_tokens: number; project: string | null; key_name: string; status: number; ttfb_ms: number | null }[];
    const unary = rows.find((row) => row.model === 'usage-unary');
    expect(unary).toMatchObject({ client_protocol: 'openai-chat', input_tokens: 11, output_tokens: 7, project: 'billing', key_name: 'OPENAI_API_KEY', status: 200 });
    expect(rows.find((row) => row.model === 'usage-stream')).toMatchObject({ input_tokens: 11, output_tokens: 7 });
    expect(rows.find((row) => row.model === 'usage-anthropic')).toMatchObject({ client_protocol: 'anthropic' });

    // The session's project applies to both of its forwarded requests (the command itself is not a generation).
    const stats = await getJson('/usage/stats?project=billing');
    expect(stats.body).toMatchObject({ totals: { requests: 2, input_tokens: 22, output_tokens: 14 } });
    const byModel = await getJson('/usage/stats?model=usage-stream');
    expect((byModel.body.by_model as { model: string }[]).map((entry) => entry.model)).toEqual(['usage-stream']);
    const future = await getJson(`/usage/stats?since=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(future.body).toMatchObject({ totals: { requests: 0 } });
    expect((await getJson('/usage/stats?since=yesterday')).status).toBe(400);
  });

  it('should log commands and auth failures in /audit/logs', async () => {
    await request(`${url}/v1/models`, { headers: { authorization: 'Bearer wrong' } }).then((response) => response.body.dump());
    await settle();
    const logs = await getJson('/audit/logs?limit=50');
    const kinds = (logs.body.data as { kind: string }[]).map((entry) => entry.kind);
    expect(kinds).toContain('auth_failure');
    expect(kinds).toContain('command');
    const only = await getJson('/audit/logs?kind=auth_failure');
    expect((only.body.data as { kind: string }[]).every((entry) => entry.kind === 'auth_failure')).toBe(true);
  });

  it('should keep /usage and /audit behind the proxy key', async () => {
    expect((await getJson('/usage/stats', {})).status).toBe(401);
    expect((await getJson('/audit/logs', {})).status).toBe(401);
  });

  it('should keep the database in the data directory', () => {
    expect(readdirSync(directory)).toContain('proxy.db');
  });
});

describe('trusted IPs', () => {
  it('should let a trusted address through without a key and still refuse others', async () => {
    const trusted = await app.inject({ method: 'GET', url: '/usage/recent', remoteAddress: '10.1.2.3' });
    expect(trusted.statusCode).toBe(200);
    const stranger = await app.inject({ method: 'GET', url: '/usage/recent', remoteAddress: '192.0.2.7' });
    expect(stranger.statusCode).toBe(401);
  });
});
