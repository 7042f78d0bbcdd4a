import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { makeParseableTextFormat } from 'openai/lib/parser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCliFlags, resolveConfig } from '../../src/config/index.js';
import { checkResponsesLifecycle } from '../../src/protocols/openai-responses/index.js';
import { buildApp } from '../../src/server/build-app.js';
import { createGatewayCore, type GatewayCore } from '../../src/server/gateway-core.js';
import { openaiResponsesRoutes } from '../../src/server/routes/openai-responses-routes.js';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream.js';
import { startFakeGeminiUpstream, type FakeGeminiUpstream } from '../fakes/fake-gemini-upstream.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream.js';
import type { FakeScenario } from '../fakes/fake-scenario.js';
import { createSseCapture, parseSseJson } from './responses-sse-capture.js';

/**
 * `POST /v1/responses` driven by the official openai SDK over every backend family, streaming
 * and not: text, function calls, function-call-output round trips (by `previous_response_id` and
 * by full input), structured output with repair, and a strict lifecycle check of every stream.
 */
const proxyKey = 'responses-proxy-key';
let app: FastifyInstance;
let core: GatewayCore;
let url: string;
let upstreams: { openai: FakeOpenAIUpstream; anthropic: FakeAnthropicUpstream; gemini: FakeGeminiUpstream };
const capture = createSseCapture();

const scenarios: Readonly<Record<string, FakeScenario>> = {
  'r-text': { kind: 'text', text: 'Bonjour — ça va? 🚀 Fine.', pieces: 5 },
  'r-tool': { kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
  'r-after-tool': { kind: 'text', text: 'It is sunny in Paris.' },
  'r-json': { kind: 'text', text: '{"city":"Paris","temp":21}', pieces: 4 },
  'r-json-broken': { kind: 'text', text: "{'city': 'Paris', 'temp': 21,", pieces: 4 },
  'r-prose': { kind: 'text', text: 'Sorry, I can only answer in prose.' },
};
const weatherTool = { type: 'function' as const, name: 'get_weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: false };
const weatherFormat = {
  type: 'json_schema' as const,
  name: 'weather',
  strict: true,
  schema: { type: 'object', properties: { city: { type: 'string' }, temp: { type: 'number' } }, required: ['city', 'temp'], additionalProperties: false },
};

beforeAll(async () => {
  upstreams = { openai: await startFakeOpenAIUpstream(), anthropic: await startFakeAnthropicUpstream(), gemini: await startFakeGeminiUpstream() };
  for (const upstream of Object.values(upstreams)) for (const [model, scenario] of Object.entries(scenarios)) upstream.setScenario(model, scenario);
  const config = resolveConfig(parseCliFlags(['--port', '0']), {
    LLM_INTERACTIVE_PROXY_API_KEY: proxyKey,
    DATA_DIR: ':memory:',
    OPENAI_API_KEY: 'sk-openai-upstream',
    OPENAI_API_BASE_URL: upstreams.openai.baseUrl,
    ANTHROPIC_API_KEY: 'sk-ant-upstream',
    ANTHROPIC_API_BASE_URL: upstreams.anthropic.baseUrl,
    GEMINI_API_KEY: 'AIza-gemini-upstream',
    GEMINI_API_BASE_URL: upstreams.gemini.baseUrl,
  });
  core = createGatewayCore(config);
  app = await buildApp(config, { core });
  // Until build-app registers the Responses route itself, this test does.
  if (!app.hasRoute({ method: 'POST', url: '/v1/responses' })) await app.register(openaiResponsesRoutes, { core });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterEach(async () => {
  await capture.checkAll();
});

afterAll(async () => {
  await app.close();
  await core.close();
  await Promise.all(Object.values(upstreams).map((upstream) => upstream.close()));
});

// Each test is its own session: the gateway's tool-loop guard would otherwise stop the same
// get_weather call repeated across tests.
let session = 0;
beforeEach(() => {
  session++;
});
const client = (): OpenAI =>
  new OpenAI({ apiKey: proxyKey, baseURL: `${url}/v1`, maxRetries: 0, fetch: capture.fetch, defaultHeaders: { 'x-session-id': `responses-e2e-${session}` } });

type Body = Omit<OpenAI.Responses.ResponseCreateParamsNonStreaming, 'stream'>;

/** One request, streamed through `responses.stream().finalResponse()` or not. */
async function respond(stream: boolean, body: Body): Promise<OpenAI.Responses.Response> {
  return stream ? client().responses.stream(body).finalResponse() : client().responses.create({ ...body, stream: false });
}

function functionCalls(response: OpenAI.Responses.Response): OpenAI.Responses.ResponseFunctionToolCall[] {
  return response.output.filter((item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call');
}

const backends = ['openai', 'anthropic', 'gemini'] as const;

describe.each(backends)('Responses client → %s backend', (backend) => {
  describe.each([false, true])('stream=%s', (stream) => {
    it('should answer with text', async () => {
      const response = await respond(stream, { model: `${backend}:r-text`, input: 'Say hi', instructions: 'Be brief' });
      expect(response.status).toBe('completed');
      expect(response.output_text).toBe('Bonjour — ça va? 🚀 Fine.');
      expect(response.id).toMatch(/^resp_/);
      expect(response.instructions).toBe('Be brief');
    });

    it('should answer with a function call', async () => {
      const response = await respond(stream, { model: `${backend}:r-tool`, input: 'Weather in Paris?', tools: [weatherTool] });
      const [call] = functionCalls(response);
      expect(call?.name).toBe('get_weather');
      expect(JSON.parse(call?.arguments ?? 'null')).toEqual({ city: 'Paris' });
      expect(call?.call_id).not.toBe('');
    });

    it('should carry a function_call_output round trip through previous_response_id', async () => {
      const first = await respond(stream, { model: `${backend}:r-tool`, input: 'Weather in Paris?', tools: [weatherTool] });
      const [call] = functionCalls(first);
      const second = await respond(stream, {
        model: `${backend}:r-after-tool`,
        previous_response_id: first.id,
        input: [{ type: 'function_call_output', call_id: call?.call_id ?? '', output: 'sunny, 24°C' }],
        tools: [weatherTool],
      });
      expect(second.output_text).toBe('It is sunny in Paris.');
      const upstreamBody = JSON.stringify(upstreams[backend].requests.at(-1)?.body);
      expect(upstreamBody).toContain('Weather in Paris?');
      expect(upstreamBody).toContain('get_weather');
      expect(upstreamBody).toContain('sunny, 24°C');
    });

    it('should carry a function_call_output round trip sent as full input', async () => {
      const response = await respond(stream, {
        model: `${backend}:r-after-tool`,
        input: [
          { role: 'user', content: 'Weather in Paris?' },
          { type: 'function_call', call_id: 'call_full_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'function_call_output', call_id: 'call_full_1', output: 'rainy, 12°C' },
        ],
        tools: [weatherTool],
      });
      expect(response.output_text).toBe('It is sunny in Paris.');
      expect(JSON.stringify(upstreams[backend].requests.at(-1)?.body)).toContain('rainy, 12°C');
    });

    it('should give responses.parse a schema-valid parsed object', async () => {
      const format = makeParseableTextFormat(weatherFormat, (text) => JSON.parse(text) as { city: string; temp: number });
      const body = { model: `${backend}:r-json`, input: 'Weather as JSON', text: { format } };
      const parsed = stream ? await client().responses.stream(body).finalResponse() : await client().responses.parse(body);
      expect(parsed.output_parsed).toEqual({ city: 'Paris', temp: 21 });
    });

    it('should repair broken JSON into schema-valid JSON in the final text', async () => {
      const response = await respond(stream, { model: `${backend}:r-json-broken`, input: 'Weather as JSON', text: { format: weatherFormat } });
      expect(response.status).toBe('completed');
      expect(JSON.parse(response.output_text)).toEqual({ city: 'Paris', temp: 21 });
    });

    it('should fail an unrepairable structured output cleanly, with the reason', async () => {
      const response = await respond(stream, { model: `${backend}:r-prose`, input: 'Weather as JSON', text: { format: weatherFormat } });
      expect(response.status).toBe('failed');
      expect(response.error?.code).toBe('structured_output_invalid');
      expect(response.error?.message).toMatch(/schema/);
    });
  });

  it('should stream the deltas as they came and the repaired text in .done', async () => {
    const stream = await client().responses.create({ model: `${backend}:r-json-broken`, input: 'JSON', text: { format: weatherFormat }, stream: true });
    for await (const _event of stream) void _event;
    const [events] = await capture.checkAll();
    const deltas = (events ?? []).flatMap((event) => (event.type === 'response.output_text.delta' ? [String(event.delta)] : []));
    expect(deltas.join('')).toBe("{'city': 'Paris', 'temp': 21,");
    const done = events?.find((event) => event.type === 'response.output_text.done');
    expect(JSON.parse(String(done?.text))).toEqual({ city: 'Paris', temp: 21 });
  });

  it('should run a Codex-style strict tool turn: store false, developer input, encrypted reasoning asked for', async () => {
    const response = await fetch(`${url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${proxyKey}`, 'content-type': 'application/json', 'x-session-id': `codex-${backend}` },
      body: JSON.stringify({
        model: `${backend}:r-tool`,
        instructions: 'You are a coding agent.',
        input: [
          { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Use tools.' }] },
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
        ],
        tools: [{ ...weatherTool, name: 'get_weather' }],
        tool_choice: 'auto',
        parallel_tool_calls: false,
        store: false,
        stream: true,
        include: ['reasoning.encrypted_content'],
        prompt_cache_key: 'codex-session-1',
      }),
    });
    expect(response.status).toBe(200);
    // The same strict checker, on raw bytes no SDK smoothed over.
    const events = parseSseJson(await response.text());
    checkResponsesLifecycle(events);
    const done = events.find((event) => event.type === 'response.output_item.done') as { item?: { type?: string; name?: string } } | undefined;
    expect(done?.item).toMatchObject({ type: 'function_call', name: 'get_weather' });
    expect(events.at(-1)?.type).toBe('response.completed');
  });
});

describe('Responses route', () => {
  it('should answer an unknown previous_response_id with a 404 in the Responses error shape', async () => {
    const error = await client()
      .responses.create({ model: 'openai:r-text', input: 'hi', previous_response_id: 'resp_does_not_exist' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    const apiError = error as InstanceType<typeof OpenAI.NotFoundError>;
    expect(apiError.code).toBe('GW_ERR_NOT_FOUND');
    expect(apiError.param).toBe('previous_response_id');
    expect(apiError.message).toContain('resp_does_not_exist');
  });

  it('should not find a response stored by another session', async () => {
    const first = await client().responses.create({ model: 'openai:r-text', input: 'hi' }, { headers: { 'x-session-id': 'session-a' } });
    const error = await client()
      .responses.create({ model: 'openai:r-text', input: 'again', previous_response_id: first.id }, { headers: { 'x-session-id': 'session-b' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('should not store a response the client sent with store: false', async () => {
    const first = await client().responses.create({ model: 'openai:r-text', input: 'hi', store: false });
    const error = await client().responses.create({ model: 'openai:r-text', input: 'again', previous_response_id: first.id }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('should pass Responses requests for the openai backend natively to its /responses endpoint', async () => {
    const before = upstreams.openai.requests.length;
    const response = await client().responses.create({ model: 'openai:r-text', input: 'hi', prompt_cache_key: 'k1' });
    expect(response.output_text).toBe('Bonjour — ça va? 🚀 Fine.');
    const sent = upstreams.openai.requests.slice(before);
    expect(sent.map((request) => request.url)).toEqual(['/v1/responses']);
    expect(sent[0]?.body).toMatchObject({ model: 'r-text', stream: true, prompt_cache_key: 'k1', input: [{ role: 'user' }] });
  });

  it.each([false, true])('should answer an in-chat command itself, as a Responses reply (stream=%s)', async (stream) => {
    const before = upstreams.openai.requests.length;
    const response = await respond(stream, { model: 'openai:r-text', input: '!/hello' });
    expect(response.status).toBe('completed');
    expect(response.output_text.length).toBeGreaterThan(0);
    expect(upstreams.openai.requests.length).toBe(before);
  });

  it('should have checked the lifecycle of every streamed response', () => {
    // 3 backends × (7 streamed SDK tests + 1 raw delta test); the Codex test checks its own.
    expect(capture.checked()).toBeGreaterThanOrEqual(24);
  });
});

describe('Chat Completions response_format (the same operator)', () => {
  const chatFormat = { type: 'json_schema' as const, json_schema: { name: 'weather', strict: true, schema: weatherFormat.schema } };

  it.each(backends)('should give the repaired JSON in a non-streaming body (%s backend)', async (backend) => {
    const completion = await client().chat.completions.create({ model: `${backend}:r-json-broken`, messages: [{ role: 'user', content: 'JSON' }], response_format: chatFormat });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ city: 'Paris', temp: 21 });
  });

  it('should answer an unrepairable non-streaming output with an error, not with invalid JSON', async () => {
    const error = await client()
      .chat.completions.create({ model: 'anthropic:r-prose', messages: [{ role: 'user', content: 'JSON' }], response_format: chatFormat })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('structured_output_invalid');
  });

  it('should end an unrepairable stream with an in-band error after the deltas', async () => {
    const stream = client().chat.completions.stream({ model: 'gemini:r-prose', messages: [{ role: 'user', content: 'JSON' }], response_format: chatFormat });
    const error = await stream.finalChatCompletion().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('structured_output_invalid');
  });
});
