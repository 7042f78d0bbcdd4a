import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream.js';
import { proxyKey, startGateway, type RunningGateway } from './start-gateway.js';
import { temporaryDirectory } from '../temp-directory.js';

/**
 * Failover routes, key rotation, cooldowns, the circuit breaker and limits, asserted on what the
 * fake upstreams actually received. Backend A is `openai` with keys ka1/ka2, backend B is
 * `openrouter` with key kb1; each test gets a fresh gateway because cooldowns outlive requests.
 */
let upstreamA: FakeOpenAIUpstream;
let upstreamB: FakeOpenAIUpstream;
let gateway: RunningGateway | undefined;

const configFile = (): string => {
  const path = join(temporaryDirectory('lip-routing-'), 'config.yaml');
  writeFileSync(
    path,
    [
      'failover_routes:',
      ...(['k', 'm', 'km', 'mk'] as const).map((policy) => `  r-${policy}: { policy: ${policy}, elements: [openai:m1, openrouter:m2] }`),
      '  r-recover: { policy: m, elements: [openai:down, openrouter:fine] }',
      'model_defaults:',
      '  tiny-window: { limits: { max_input_tokens: 10 } }',
      '  "openai:rpm-2": { limits: { requests_per_minute: 2 } }',
      'failure_handling: { max_attempts: 10, circuit_failure_threshold: 3, circuit_cooldown_seconds: 60 }',
    ].join('\n'),
  );
  return path;
};

async function start(): Promise<RunningGateway> {
  gateway = await startGateway({
    upstream: upstreamA,
    flags: ['--config', configFile()],
    env: {
      OPENAI_API_KEY: undefined,
      OPENAI_API_KEY_1: 'ka1',
      OPENAI_API_KEY_2: 'ka2',
      OPENROUTER_API_KEY: 'kb1',
      OPENROUTER_API_BASE_URL: upstreamB.baseUrl,
    },
  });
  return gateway;
}

const chat = async (model: string, session = 'routing'): Promise<OpenAI.Chat.Completions.ChatCompletion | Error> => {
  const client = new OpenAI({ apiKey: proxyKey, baseURL: `${gateway?.url ?? ''}/v1`, maxRetries: 0, defaultHeaders: { 'x-session-id': session } });
  return client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).catch((error: Error) => error);
};

/** Every attempt either fake received in this test, in arrival order, as `backend:model:key`. */
let order: string[] = [];

beforeAll(async () => {
  upstreamA = await startFakeOpenAIUpstream();
  upstreamB = await startFakeOpenAIUpstream();
  const rateLimited = { kind: 'error', status: 429, body: { error: { message: 'slow down', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' } } } as const;
  upstreamA.setScenario('m1', rateLimited);
  upstreamB.setScenario('m2', rateLimited);
  upstreamA.setScenario('down', { kind: 'error', status: 500, body: { error: { message: 'boom', type: 'server_error', param: null, code: null } } });
  upstreamB.setScenario('fine', { kind: 'text', text: 'served by B' });
  for (const upstream of [upstreamA, upstreamB]) {
    const requests = upstream.requests;
    const push = requests.push.bind(requests);
    requests.push = (...items) => {
      for (const item of items) order.push(`${upstream === upstreamA ? 'A' : 'B'}:${String(item.body?.model)}:${String(item.headers.authorization).replace('Bearer ', '')}`);
      return push(...items);
    };
  }
});

afterEach(async () => {
  await gateway?.app.close();
  gateway = undefined;
  order = [];
});

afterAll(async () => {
  await upstreamA.close();
  await upstreamB.close();
});

describe('failover policies (SEED-SPEC §4.2), exact try order on the fakes', () => {
  const expected: Record<string, string[]> = {
    'r-k': ['A:m1:ka1', 'A:m1:ka2'],
    'r-m': ['A:m1:ka1', 'B:m2:kb1'],
    'r-km': ['A:m1:ka1', 'A:m1:ka2', 'B:m2:kb1'],
    'r-mk': ['A:m1:ka1', 'B:m2:kb1', 'A:m1:ka2'],
  };
  for (const [route, tries] of Object.entries(expected)) {
    it(`should try ${route} as ${tries.join(' → ')} and surface the last upstream error`, async () => {
      await start();
      const result = await chat(route);
      expect(order).toEqual(tries);
      expect(result).toBeInstanceOf(OpenAI.RateLimitError);
      expect((result as Error).message).toContain('slow down');
    });
  }

  it('should fail over to the next element and answer from it', async () => {
    await start();
    const result = await chat('r-recover');
    expect((result as OpenAI.Chat.Completions.ChatCompletion).choices[0]?.message.content).toBe('served by B');
    expect(order).toEqual(['A:down:ka1', 'B:fine:kb1']);
  });
});

describe('key rotation', () => {
  it('should round-robin healthy keys across requests', async () => {
    await start();
    for (let index = 0; index < 4; index++) await chat('rotate');
    expect(order).toEqual(['A:rotate:ka1', 'A:rotate:ka2', 'A:rotate:ka1', 'A:rotate:ka2']);
  });

  it('should cool a key down on 429 for Retry-After, moving the request to the next key', async () => {
    await start();
    upstreamA.setScenarioForKey('cool', 'ka1', { kind: 'error', status: 429, body: { error: { message: 'limit', type: 'rate_limit_error', param: null, code: null } }, headers: { 'retry-after': '60' } });
    const first = await chat('cool');
    expect((first as OpenAI.Chat.Completions.ChatCompletion).choices).toBeDefined();
    for (let index = 0; index < 3; index++) await chat('cool');
    expect(order).toEqual(['A:cool:ka1', 'A:cool:ka2', 'A:cool:ka2', 'A:cool:ka2', 'A:cool:ka2']);
  });

  it('should mark a key that gets 401 bad and stop using it', async () => {
    await start();
    upstreamA.setScenarioForKey('auth', 'ka2', { kind: 'error', status: 401, body: { error: { message: 'Incorrect API key', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } });
    for (let index = 0; index < 4; index++) await chat('auth');
    expect(order).toEqual(['A:auth:ka1', 'A:auth:ka2', 'A:auth:ka1', 'A:auth:ka1', 'A:auth:ka1']);
  });

  it('should answer 429 with Retry-After when every key is cooling', async () => {
    await start();
    const limit = { kind: 'error', status: 429, body: { error: { message: 'limit', type: 'rate_limit_error', param: null, code: null } }, headers: { 'retry-after': '45' } } as const;
    upstreamA.setScenario('all-cool', limit);
    await chat('all-cool');
    const before = upstreamA.requests.length;
    const second = await chat('all-cool');
    expect(upstreamA.requests.length).toBe(before);
    expect(second).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number((second as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after'))).toBeGreaterThan(40);
  });
});

describe('no storms', () => {
  it('should skip a backend whose circuit is open instead of hammering it', async () => {
    await start();
    for (let index = 0; index < 3; index++) await chat('r-recover', `storm-${index}`);
    const before = upstreamA.requests.length;
    const result = await chat('r-recover', 'storm-after');
    expect((result as OpenAI.Chat.Completions.ChatCompletion).choices[0]?.message.content).toBe('served by B');
    expect(upstreamA.requests.length).toBe(before);
  });

  it('should never fail over once bytes have gone out: the stream ends with an in-band error', async () => {
    await start();
    upstreamA.setScenario('half', { kind: 'mid-stream-error', text: 'abc', error: { message: 'died', type: 'server_error' } });
    const client = new OpenAI({ apiKey: proxyKey, baseURL: `${gateway?.url ?? ''}/v1`, maxRetries: 0 });
    await expect(client.chat.completions.stream({ model: 'half', messages: [{ role: 'user', content: 'x' }] }).finalChatCompletion()).rejects.toThrow(/died/);
    expect(order).toEqual(['A:half:ka1']);
  });
});

describe('limits', () => {
  const longPrompt = 'This prompt is clearly longer than ten tokens, so it must be refused before any upstream call.';

  it('should refuse an over-long prompt with input_limit_exceeded in every client protocol, without calling upstream', async () => {
    await start();
    const before = upstreamA.requests.length;
    const openai = new OpenAI({ apiKey: proxyKey, baseURL: `${gateway?.url ?? ''}/v1`, maxRetries: 0 });
    const openaiError = (await openai.chat.completions.create({ model: 'tiny-window', messages: [{ role: 'user', content: longPrompt }] }).catch((error: unknown) => error)) as InstanceType<typeof OpenAI.APIError>;
    expect(openaiError.status).toBe(400);
    expect(openaiError.code).toBe('input_limit_exceeded');
    expect((openaiError.error as { details?: unknown }).details).toMatchObject({ model: 'tiny-window', limit: 10, measured: expect.any(Number) });

    const anthropic = new Anthropic({ apiKey: proxyKey, baseURL: `${gateway?.url ?? ''}/anthropic`, maxRetries: 0 });
    const anthropicError = (await anthropic.messages.create({ model: 'tiny-window', max_tokens: 10, messages: [{ role: 'user', content: longPrompt }] }).catch((error: unknown) => error)) as InstanceType<typeof Anthropic.APIError>;
    expect(anthropicError.status).toBe(400);
    expect((anthropicError.error as { error: { message: string; details: unknown } }).error.message).toMatch(/^prompt is too long/);
    expect((anthropicError.error as { error: { details: unknown } }).error.details).toMatchObject({ limit: 10 });

    const gemini = new GoogleGenAI({ apiKey: proxyKey, apiVersion: 'v1beta', httpOptions: { baseUrl: gateway?.url ?? '' } });
    const geminiError = await gemini.models.generateContent({ model: 'tiny-window', contents: longPrompt }).catch((error: unknown) => error);
    expect(geminiError).toBeInstanceOf(ApiError);
    expect((geminiError as ApiError).status).toBe(400);
    expect((geminiError as ApiError).message).toMatch(/Input token limit exceeded/);
    expect(upstreamA.requests.length).toBe(before);
  });

  it('should apply --force-context-window to every model', async () => {
    gateway = await startGateway({ upstream: upstreamA, flags: ['--force-context-window', '5'] });
    const result = await chat('any-model');
    expect((result as InstanceType<typeof OpenAI.APIError>).code).toBe('input_limit_exceeded');
  });

  it('should answer 429 with Retry-After once a model’s requests_per_minute is used up, before any upstream call', async () => {
    await start();
    await chat('openai:rpm-2');
    await chat('openai:rpm-2');
    const before = upstreamA.requests.length;
    const third = (await chat('openai:rpm-2')) as InstanceType<typeof OpenAI.APIError>;
    expect(third.status).toBe(429);
    expect(Number(third.headers?.get('retry-after'))).toBeGreaterThan(0);
    expect(upstreamA.requests.length).toBe(before);
  });
});
