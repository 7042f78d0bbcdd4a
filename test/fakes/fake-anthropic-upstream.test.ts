import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from './fake-anthropic-upstream.js';

const messages = [{ role: 'user' as const, content: 'hi' }];

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('startFakeAnthropicUpstream', () => {
  let fake: FakeAnthropicUpstream;
  let client: Anthropic;

  beforeAll(async () => {
    fake = await startFakeAnthropicUpstream();
    client = new Anthropic({ apiKey: 'k', baseURL: fake.baseUrl, maxRetries: 0 });
  });
  afterAll(() => fake.close());

  it('should stream text that the SDK assembles into a final message', async () => {
    fake.setScenario('claude-text', { kind: 'text', text: 'Hello there, world', pieces: 3 });
    const stream = client.messages.stream({ model: 'claude-text', max_tokens: 64, messages });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const message = await stream.finalMessage();
    expect(deltas.length).toBe(3);
    expect(message.content).toMatchObject([{ type: 'text', text: 'Hello there, world' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBe(Math.ceil('Hello there, world'.length / 4));
    const recorded = fake.requests.at(-1);
    expect(recorded?.url).toBe('/v1/messages');
    expect(recorded?.body?.stream).toBe(true);
    expect(recorded?.headers['anthropic-version']).toBeTypeOf('string');
    expect(recorded?.headers['x-api-key'] ?? recorded?.headers.authorization).toMatch(/k$/);
  });

  it('should stream a thinking block with its signature before the text', async () => {
    fake.setScenario('claude-think', { kind: 'text', text: 'Answer.', reasoning: 'Let me think about it.' });
    const message = await client.messages.stream({ model: 'claude-think', max_tokens: 2048, messages }).finalMessage();
    expect(message.content[0]).toEqual({ type: 'thinking', thinking: 'Let me think about it.', signature: 'sig-fake-0' });
    expect(message.content[1]).toMatchObject({ type: 'text', text: 'Answer.' });
  });

  it('should stream parallel tool calls whose input the SDK parses from json deltas', async () => {
    fake.setScenario('claude-tools', {
      kind: 'tool-calls',
      text: 'Calling.',
      interleave: true,
      calls: [
        { name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' },
        { name: 'get_time', arguments: '{"zone":"CET"}' },
      ],
    });
    const message = await client.messages.stream({ model: 'claude-tools', max_tokens: 64, messages }).finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((block) => block.type)).toEqual(['text', 'tool_use', 'tool_use']);
    expect(message.content[1]).toMatchObject({ type: 'tool_use', id: 'toolu_fake_0', name: 'get_weather', input: { city: 'Paris', unit: 'c' } });
    expect(message.content[2]).toMatchObject({ type: 'tool_use', id: 'toolu_fake_1', name: 'get_time', input: { zone: 'CET' } });
  });

  it('should send the first input_json_delta as the empty string', async () => {
    fake.setScenario('claude-raw', { kind: 'tool-calls', calls: [{ name: 'f', arguments: '{"a":1}' }] });
    const response = await fetch(`${fake.url}/v1/messages`, { method: 'POST', body: JSON.stringify({ model: 'claude-raw', max_tokens: 8, messages, stream: true }) });
    const text = await response.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events.slice(0, 3)).toEqual(['message_start', 'ping', 'content_block_start']);
    expect(events.at(-1)).toBe('message_stop');
    expect(text).toContain('"partial_json":""');
  });

  it('should return a whole Message body when stream is false', async () => {
    fake.setScenario('claude-body', { kind: 'text', text: 'Whole answer.', reasoning: 'hmm' });
    const message = await client.messages.create({ model: 'claude-body', max_tokens: 2048, messages });
    expect(message.type).toBe('message');
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(message.content[1]).toMatchObject({ text: 'Whole answer.' });
    fake.setScenario('claude-body-tools', { kind: 'tool-calls', calls: [{ name: 'f', arguments: '{"x":[1,2]}' }] });
    const tools = await client.messages.create({ model: 'claude-body-tools', max_tokens: 64, messages });
    expect(tools.stop_reason).toBe('tool_use');
    expect(tools.content[0]).toMatchObject({ type: 'tool_use', name: 'f', input: { x: [1, 2] } });
  });

  it('should answer a json body even to a stream request in the json-body scenario', async () => {
    fake.setScenario('claude-json', { kind: 'json-body', text: 'plain' });
    const response = await fetch(`${fake.url}/v1/messages`, { method: 'POST', body: JSON.stringify({ model: 'claude-json', stream: true, messages }) });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'plain' }] });
  });

  it('should count tokens deterministically', async () => {
    const first = await client.messages.countTokens({ model: 'claude-fake', messages });
    const second = await client.messages.countTokens({ model: 'claude-fake', messages });
    expect(first.input_tokens).toBeGreaterThan(0);
    expect(second.input_tokens).toBe(first.input_tokens);
  });

  it('should list models in the Anthropic page shape', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['claude-fake']);
  });

  it('should raise typed SDK errors for HTTP error scenarios', async () => {
    fake.setScenario('claude-429', { kind: 'error', status: 429, body: undefined, headers: { 'retry-after': '7' } });
    const error = await client.messages.create({ model: 'claude-429', max_tokens: 8, messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')).toBe('7');
    expect((error as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    fake.setScenario('claude-529', { kind: 'error', status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } } });
    await expect(client.messages.stream({ model: 'claude-529', max_tokens: 8, messages }).finalMessage()).rejects.toBeInstanceOf(Anthropic.OverloadedError);
  });

  it('should raise an overloaded APIError for an in-band error event', async () => {
    fake.setScenario('claude-mid', { kind: 'mid-stream-error', text: 'partial answer', error: 'Overloaded' });
    const error = await client.messages.stream({ model: 'claude-mid', max_tokens: 8, messages }).finalMessage().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });

  it('should fail the SDK stream when the upstream disconnects', async () => {
    fake.setScenario('claude-cut', { kind: 'disconnect', text: 'abcdefgh', afterPieces: 2 });
    const before = fake.abortedResponses();
    const stream = client.messages.stream({ model: 'claude-cut', max_tokens: 8, messages });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(deltas).toEqual(['ab', 'cd']);
    await waitFor(() => fake.abortedResponses() === before + 1 && fake.openResponses() === 0);
  });

  it('should count a response as aborted when the client aborts an endless stream', async () => {
    fake.setScenario('claude-endless', { kind: 'endless', text: 'more ', intervalMs: 5 });
    await waitFor(() => fake.openResponses() === 0);
    const before = fake.abortedResponses();
    const stream = client.messages.stream({ model: 'claude-endless', max_tokens: 8, messages });
    let deltas = 0;
    stream.on('text', () => {
      deltas++;
      if (deltas === 3) stream.abort();
    });
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
    await waitFor(() => fake.abortedResponses() === before + 1 && fake.openResponses() === 0);
    expect(deltas).toBe(3);
  });

  it('should keep a hanging response open until the client gives up', async () => {
    fake.setScenario('claude-hang', { kind: 'hang' });
    const controller = new AbortController();
    const pending = client.messages.create({ model: 'claude-hang', max_tokens: 8, messages }, { signal: controller.signal }).catch((caught: unknown) => caught);
    await waitFor(() => fake.openResponses() === 1);
    controller.abort();
    expect(await pending).toBeInstanceOf(Anthropic.APIUserAbortError);
    await waitFor(() => fake.openResponses() === 0);
  });
});
