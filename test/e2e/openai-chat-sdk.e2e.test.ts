import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, proxyKey, startGateway, upstreamKey, type RunningGateway } from './start-gateway.js';

let gateway: RunningGateway;
let client: OpenAI;

beforeAll(async () => {
  gateway = await startGateway();
  client = new OpenAI({ apiKey: proxyKey, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  const { upstream } = gateway;
  upstream.setScenario('fake-text', { kind: 'text', text: 'The quick brown fox — jumps 🦊 over.', pieces: 7, reasoning: 'Thinking hard.' });
  upstream.setScenario('fake-tool', { kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' }] });
  upstream.setScenario('fake-parallel', {
    kind: 'tool-calls',
    interleave: true,
    calls: [
      { name: 'read_file', arguments: '{"path":"a.txt"}' },
      { name: 'read_file', arguments: '{"path":"b/c.txt"}' },
    ],
  });
  upstream.setScenario('fake-429', {
    kind: 'error',
    status: 429,
    body: { error: { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
    headers: { 'retry-after': '7' },
  });
  upstream.setScenario('fake-500', { kind: 'error', status: 500, body: { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } } });
  upstream.setScenario('fake-disconnect', { kind: 'disconnect', text: 'partial answer that never finishes', afterPieces: 2 });
  upstream.setScenario('fake-inband-error', { kind: 'mid-stream-error', text: 'abc', error: { message: 'Upstream overloaded', type: 'server_error', code: 'overloaded' } });
  upstream.setScenario('fake-endless', { kind: 'endless', text: 'more ', intervalMs: 5 });
  upstream.setScenario('fake-json', { kind: 'json-body', text: 'a JSON body although a stream was asked for' });
});

afterAll(async () => gateway.close());

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  { type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } },
];

describe('OpenAI Chat Completions through the gateway (official openai SDK)', () => {
  it('should answer a non-streaming request from a streamed upstream call', async () => {
    const completion = await client.chat.completions.create({ model: 'fake-text', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]?.message.content).toBe('The quick brown fox — jumps 🦊 over.');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
    const upstreamRequest = gateway.upstream.requests.at(-1);
    expect(upstreamRequest?.body).toMatchObject({ model: 'fake-text', stream: true, stream_options: { include_usage: true } });
    expect(upstreamRequest?.headers.authorization).toBe(`Bearer ${upstreamKey}`);
  });

  it('should stream text deltas that the SDK assembles, with reasoning_content passed on', async () => {
    const stream = client.chat.completions.stream({ model: 'fake-text', messages: [{ role: 'user', content: 'hi' }] });
    const deltas: string[] = [];
    let reasoning = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string | null; reasoning_content?: string } | undefined;
      if (delta?.content) deltas.push(delta.content);
      if (delta?.reasoning_content) reasoning += delta.reasoning_content;
    }
    const final = await stream.finalChatCompletion();
    expect(deltas.join('')).toBe('The quick brown fox — jumps 🦊 over.');
    expect(deltas.length).toBeGreaterThan(1);
    expect(reasoning).toBe('Thinking hard.');
    expect(final.choices[0]?.message.content).toBe('The quick brown fox — jumps 🦊 over.');
  });

  it('should send the usage chunk only when stream_options.include_usage is set', async () => {
    const withUsage = await client.chat.completions.create({ model: 'fake-text', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    const usages = [];
    for await (const chunk of withUsage) if (chunk.usage) usages.push(chunk.usage);
    expect(usages).toEqual([expect.objectContaining({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 })]);

    const withoutUsage = await client.chat.completions.create({ model: 'fake-text', messages: [{ role: 'user', content: 'hi' }], stream: true });
    for await (const chunk of withoutUsage) expect(chunk.usage ?? null).toBeNull();
  });

  it('should stream a tool call', async () => {
    const stream = client.chat.completions.stream({ model: 'fake-tool', messages: [{ role: 'user', content: 'weather?' }], tools });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(final.choices[0]?.message.tool_calls).toEqual([
      { id: 'call_fake_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' } },
    ]);
  });

  it('should keep interleaved parallel tool calls apart, indexed from 0', async () => {
    const stream = client.chat.completions.stream({ model: 'fake-parallel', messages: [{ role: 'user', content: 'read' }], tools });
    const final = await stream.finalChatCompletion();
    const calls = final.choices[0]?.message.tool_calls?.map((call) => (call.type === 'function' ? [call.id, call.function.arguments] : []));
    expect(calls).toEqual([
      ['call_fake_0', '{"path":"a.txt"}'],
      ['call_fake_1', '{"path":"b/c.txt"}'],
    ]);
  });

  it('should return tool calls in a non-streaming body', async () => {
    gateway.upstream.setScenario('fake-tool-unary', { kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}' }] });
    const completion = await client.chat.completions.create({ model: 'fake-tool-unary', messages: [{ role: 'user', content: 'x' }], tools });
    expect(completion.choices[0]?.message.content).toBeNull();
    expect(completion.choices[0]?.message.tool_calls?.[0]).toMatchObject({ function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } });
  });

  it('should read an upstream that answers a stream request with a JSON body', async () => {
    const completion = await client.chat.completions.create({ model: 'fake-json', messages: [{ role: 'user', content: 'x' }] });
    expect(completion.choices[0]?.message.content).toBe('a JSON body although a stream was asked for');
  });

  it('should pass unknown request fields on to the OpenAI-compatible upstream', async () => {
    await client.chat.completions.create({
      model: 'fake-text',
      messages: [{ role: 'user', content: 'hi', name: 'alice' }],
      // @ts-expect-error: a provider extension the SDK does not know
      top_k: 40,
      logit_bias: { '50256': -100 },
    });
    const body = gateway.upstream.requests.at(-1)?.body as Record<string, unknown>;
    expect(body.top_k).toBe(40);
    expect(body.logit_bias).toEqual({ '50256': -100 });
    expect((body.messages as { name?: string }[])[0]?.name).toBe('alice');
  });

  it('should route an explicit backend:model selector with the prefix removed', async () => {
    await client.chat.completions.create({ model: 'openai:fake-text', messages: [{ role: 'user', content: 'hi' }] });
    expect(gateway.upstream.requests.at(-1)?.body?.model).toBe('fake-text');
  });
});

describe('errors in the OpenAI shape', () => {
  it('should pass an upstream 429 on with its status, message and Retry-After', async () => {
    // A 429 cools the key down for later requests too, so this runs on a gateway of its own.
    const own = await startGateway({ upstream: gateway.upstream });
    const ownClient = new OpenAI({ apiKey: proxyKey, baseURL: `${own.url}/v1`, maxRetries: 0 });
    const error = await ownClient.chat.completions.create({ model: 'fake-429', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    await own.app.close();
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const apiError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(apiError.status).toBe(429);
    expect(apiError.message).toContain('Rate limit reached for requests');
    expect(apiError.headers?.get('retry-after')).toBe('7');
  });

  it('should answer an upstream 500 before the first byte with a real HTTP error on a stream request', async () => {
    const error = await client.chat.completions
      .create({ model: 'fake-500', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
  });

  it('should end the stream with an in-band error when the upstream dies mid-stream, never hang', async () => {
    const stream = await client.chat.completions.create({ model: 'fake-disconnect', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const received: string[] = [];
    const outcome = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta?.content ?? '');
      return 'completed';
    })().catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(OpenAI.APIError);
    expect(received.join('')).not.toBe('');
  });

  it('should turn an upstream in-band error into an in-band error the SDK raises', async () => {
    const stream = client.chat.completions.stream({ model: 'fake-inband-error', messages: [{ role: 'user', content: 'hi' }] });
    await expect(stream.finalChatCompletion()).rejects.toThrow(/Upstream overloaded/);
  });
});

describe('cancellation', () => {
  it('should close the upstream socket when the client disconnects', async () => {
    const before = gateway.upstream.abortedResponses();
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'fake-endless', messages: [{ role: 'user', content: 'go' }], stream: true },
      { signal: controller.signal },
    );
    let count = 0;
    await (async () => {
      for await (const _chunk of stream) {
        if (++count === 5) controller.abort();
      }
    })().catch(() => undefined);
    await eventually(() => gateway.upstream.abortedResponses() > before && gateway.upstream.openResponses() === 0);
  });
});
