import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import type { FastifyInstance } from 'fastify';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliFlags, resolveConfig } from '../../src/config/index.js';
import { buildAnthropicApp, buildApp } from '../../src/server/build-app.js';
import { createGatewayCore, type GatewayCore } from '../../src/server/gateway-core.js';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream.js';
import { startFakeGeminiUpstream, type FakeGeminiUpstream } from '../fakes/fake-gemini-upstream.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream.js';

const proxyKey = 'front-end-proxy-key';
let mainUrl: string;
let anthropicUrl: string;
let openai: FakeOpenAIUpstream;
let anthropic: FakeAnthropicUpstream;
let gemini: FakeGeminiUpstream;

interface Stack {
  readonly core: GatewayCore;
  readonly main: FastifyInstance;
  readonly anthropicPort: FastifyInstance;
  readonly mainUrl: string;
  readonly anthropicUrl: string;
  close(): Promise<void>;
}

/** A gateway (main app and Anthropic port) over the three fakes; cooldowns live in its core. */
async function startStack(): Promise<Stack> {
  const config = resolveConfig(parseCliFlags(['--port', '0', '--anthropic-port', '0', '--default-backend', 'openai']), {
    DATA_DIR: ':memory:',
    LLM_INTERACTIVE_PROXY_API_KEY: proxyKey,
    OPENAI_API_KEY: 'sk-o',
    OPENAI_API_BASE_URL: openai.baseUrl,
    ANTHROPIC_API_KEY: 'sk-ant-a',
    ANTHROPIC_API_BASE_URL: anthropic.baseUrl,
    GEMINI_API_KEY: 'AIza-g',
    GEMINI_API_BASE_URL: gemini.baseUrl,
  });
  const stackCore = createGatewayCore(config);
  const stackMain = await buildApp(config, { core: stackCore });
  const stackAnthropic = await buildAnthropicApp(stackCore);
  return {
    core: stackCore,
    main: stackMain,
    anthropicPort: stackAnthropic,
    mainUrl: await stackMain.listen({ host: '127.0.0.1', port: 0 }),
    anthropicUrl: await stackAnthropic.listen({ host: '127.0.0.1', port: 0 }),
    close: async () => {
      await stackMain.close();
      await stackAnthropic.close();
      await stackCore.close();
    },
  };
}

let stack: Stack;

beforeAll(async () => {
  openai = await startFakeOpenAIUpstream();
  anthropic = await startFakeAnthropicUpstream();
  gemini = await startFakeGeminiUpstream();
  for (const upstream of [openai, anthropic, gemini]) {
    upstream.setScenario('f-text', { kind: 'text', text: 'plain answer' });
    upstream.setScenario('f-429', {
      kind: 'error',
      status: 429,
      body: undefined,
      headers: { 'retry-after': '9' },
    });
    upstream.setScenario('f-midstream', { kind: 'mid-stream-error', text: 'partial', error: 'upstream went away' });
  }
  stack = await startStack();
  ({ mainUrl, anthropicUrl } = stack);
});

afterAll(async () => {
  await stack.close();
  await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
});

describe('the dedicated Anthropic port', () => {
  it('should serve /v1/messages to the Anthropic SDK, streaming and not, with the same backends', async () => {
    const client = new Anthropic({ apiKey: proxyKey, baseURL: anthropicUrl, maxRetries: 0 });
    const created = await client.messages.create({ model: 'f-text', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    expect(created.content).toEqual([{ type: 'text', text: 'plain answer', citations: null }].map(({ type, text }) => expect.objectContaining({ type, text })));
    const streamed = await client.messages.stream({ model: 'anthropic:f-text', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(streamed.content[0]).toMatchObject({ type: 'text', text: 'plain answer' });
    expect(anthropic.requests.at(-1)?.headers['x-api-key']).toBe('sk-ant-a');
  });

  it('should require the proxy key there too, answering in the Anthropic shape', async () => {
    const client = new Anthropic({ apiKey: 'wrong', baseURL: anthropicUrl, maxRetries: 0 });
    const error = await client.messages.create({ model: 'f-text', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('should list models in the Anthropic shape', async () => {
    const client = new Anthropic({ apiKey: proxyKey, baseURL: anthropicUrl, maxRetries: 0 });
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('anthropic:claude-fake');
    expect(ids).toContain('openai:fake-model');
  });

  it('should accept Claude Code’s ?beta=true and x-api-key auth (Anthropic SDK 0.x style)', async () => {
    const response = await request(`${anthropicUrl}/v1/messages?beta=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': proxyKey, 'anthropic-version': '2023-06-01', 'anthropic-beta': 'some-beta-2025' },
      body: JSON.stringify({ model: 'anthropic:f-text', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    expect(anthropic.requests.at(-1)?.headers['anthropic-beta']).toBe('some-beta-2025');
  });
});

describe('Anthropic errors', () => {
  const client = (): Anthropic => new Anthropic({ apiKey: proxyKey, baseURL: `${mainUrl}/anthropic`, maxRetries: 0 });

  it('should answer an upstream 429 before the first byte with a RateLimitError and Retry-After', async () => {
    // A 429 cools the key down for every later request, so this runs on a gateway of its own.
    const own = await startStack();
    const ownClient = new Anthropic({ apiKey: proxyKey, baseURL: `${own.mainUrl}/anthropic`, maxRetries: 0 });
    for (const backend of ['openai', 'anthropic', 'gemini']) {
      const error = await ownClient
        .messages.create({ model: `${backend}:f-429`, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], stream: true })
        .catch((caught: unknown) => caught);
      expect(error, backend).toBeInstanceOf(Anthropic.RateLimitError);
      expect((error as InstanceType<typeof Anthropic.APIError>).headers?.get('retry-after'), backend).toBe('9');
    }
    await own.close();
  });

  it('should end a started stream with an in-band error event the SDK raises', async () => {
    for (const backend of ['openai', 'anthropic', 'gemini']) {
      const stream = client().messages.stream({ model: `${backend}:f-midstream`, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
      await expect(stream.finalMessage(), backend).rejects.toBeInstanceOf(Anthropic.APIError);
    }
  });

  it('should answer a schema violation with 400 naming the field', async () => {
    const error = await client()
      .messages.create({ model: 'f-text', max_tokens: 10, messages: [{ role: 'robot' as 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(String((error as Error).message)).toContain('messages');
  });

  it('should count tokens locally for a non-Anthropic backend and forward for an Anthropic one', async () => {
    const local = await client().messages.countTokens({
      model: 'openai:f-text',
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'How many tokens is this sentence?' }],
      tools: [{ name: 'lookup', description: 'Look a word up', input_schema: { type: 'object', properties: { word: { type: 'string' } } } }],
    });
    expect(local.input_tokens).toBeGreaterThan(15);
    const withoutTools = await client().messages.countTokens({ model: 'openai:f-text', messages: [{ role: 'user', content: 'How many tokens is this sentence?' }] });
    expect(withoutTools.input_tokens).toBeLessThan(local.input_tokens);
    const before = anthropic.requests.length;
    const forwarded = await client().messages.countTokens({ model: 'anthropic:f-text', messages: [{ role: 'user', content: 'hi' }] });
    expect(forwarded.input_tokens).toBeGreaterThan(0);
    expect(anthropic.requests.slice(before).some((recorded) => recorded.url.endsWith('/v1/messages/count_tokens'))).toBe(true);
  });
});

describe('Gemini front-end', () => {
  const client = (): GoogleGenAI => new GoogleGenAI({ apiKey: proxyKey, apiVersion: 'v1beta', httpOptions: { baseUrl: mainUrl } });

  it('should serve the @google/genai 3 style /v1 paths too', async () => {
    const v1 = new GoogleGenAI({ apiKey: proxyKey, apiVersion: 'v1', httpOptions: { baseUrl: mainUrl } });
    const response = await v1.models.generateContent({ model: 'f-text', contents: 'hi' });
    expect(response.text).toBe('plain answer');
  });

  it('should raise ApiError 429 for an upstream rate limit, and an in-band error after the stream started', async () => {
    const own = await startStack();
    const ownClient = new GoogleGenAI({ apiKey: proxyKey, apiVersion: 'v1beta', httpOptions: { baseUrl: own.mainUrl } });
    const limited = await ownClient.models.generateContent({ model: 'anthropic:f-429', contents: 'hi' }).catch((caught: unknown) => caught);
    await own.close();
    expect(limited).toBeInstanceOf(ApiError);
    expect((limited as ApiError).status).toBe(429);
    const consume = async (): Promise<void> => {
      for await (const _chunk of await client().models.generateContentStream({ model: 'openai:f-midstream', contents: 'hi' })) {
        // drain
      }
    };
    await expect(consume()).rejects.toBeInstanceOf(ApiError);
  });

  it('should stream one JSON array to a client that omits alt=sse', async () => {
    const response = await request(`${mainUrl}/v1beta/models/openai:f-text:streamGenerateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': proxyKey },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(response.headers['content-type']).toMatch(/application\/json/);
    const elements = (await response.body.json()) as { candidates?: { content?: { parts?: { text?: string }[] } }[] }[];
    expect(Array.isArray(elements)).toBe(true);
    expect(elements.flatMap((element) => element.candidates?.[0]?.content?.parts ?? []).map((part) => part.text ?? '').join('')).toBe('plain answer');
  });

  it('should count tokens, list models, and describe one model', async () => {
    const counted = await client().models.countTokens({ model: 'openai:f-text', contents: 'How many tokens is this sentence?' });
    expect(counted.totalTokens).toBeGreaterThan(3);
    const names: string[] = [];
    for await (const model of await client().models.list()) names.push(model.name ?? '');
    expect(names).toContain('models/gemini:gemini-fake');
    const described = await client().models.get({ model: 'openai:fake-model' });
    expect(described.name).toBe('models/openai:fake-model');
  });

  it('should accept the key as ?key= and answer a model-less method with 404 in the Gemini shape', async () => {
    const response = await request(`${mainUrl}/v1beta/models/openai:f-text:noSuchMethod?key=${proxyKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.statusCode).toBe(404);
    expect(((await response.body.json()) as { error: { status: string } }).error.status).toBe('NOT_FOUND');
  });
});

describe('GET /v1/models negotiation', () => {
  async function list(headers: Record<string, string>, query = ''): Promise<Record<string, unknown>> {
    const response = await request(`${mainUrl}/v1/models${query}`, { headers });
    return (await response.body.json()) as Record<string, unknown>;
  }

  it('should answer in the shape the caller’s headers ask for', async () => {
    expect(await list({ authorization: `Bearer ${proxyKey}` })).toMatchObject({ object: 'list' });
    expect(await list({ 'x-api-key': proxyKey, 'anthropic-version': '2023-06-01' })).toMatchObject({ has_more: false });
    expect(await list({ 'x-goog-api-key': proxyKey })).toHaveProperty('models');
    expect(await list({}, `?key=${proxyKey}`)).toHaveProperty('models');
  });
});
