import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, proxyKey, startGateway, type RunningGateway } from './start-gateway.js';

/** Stream steering end to end: loops cut (and the upstream closed), tool calls repaired, tool loops broken. */
let gateway: RunningGateway;
let sessions = 0;
const client = (): OpenAI =>
  new OpenAI({ apiKey: proxyKey, baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-session-id': `steer-${++sessions}` } });

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } },
];

beforeAll(async () => {
  gateway = await startGateway();
  const { upstream } = gateway;
  upstream.setScenario('loop-endless', { kind: 'endless', text: 'I will now check the file again to be sure. ', intervalMs: 2 });
  upstream.setScenario('loop-finite', { kind: 'text', text: `Intro. ${'Loading the data, please wait... '.repeat(40)}`, pieces: 60 });
  upstream.setScenario('text-tool-call', {
    kind: 'text',
    text: 'Let me look.\n<tool_call>{"name": "read_file", "arguments": {"path": "README.md"}}</tool_call>',
    pieces: 9,
  });
  upstream.setScenario('broken-args', { kind: 'tool-calls', calls: [{ name: 'read_file', arguments: "{'path': 'a.txt',}" }] });
  upstream.setScenario('same-call', { kind: 'tool-calls', calls: [{ name: 'read_file', arguments: '{"path":"same.txt"}' }] });
  upstream.setScenario('empty', { kind: 'text', text: '' });
});

afterAll(async () => gateway.close());

describe('loop detection', () => {
  it('should cut an endless repeating stream with the notice, finish normally, and close the upstream socket', async () => {
    const before = gateway.upstream.abortedResponses();
    const stream = client().chat.completions.stream({ model: 'loop-endless', messages: [{ role: 'user', content: 'go' }] });
    const final = await stream.finalChatCompletion();
    const text = final.choices[0]?.message.content ?? '';
    expect(text).toMatch(/\[Response cancelled: Loop detected - Pattern '.{1,30}\.\.\.' repeated \d+ times\]$/);
    expect(final.choices[0]?.finish_reason).toBe('stop');
    expect(text.length).toBeLessThan(4096 + 200);
    await eventually(() => gateway.upstream.abortedResponses() > before && gateway.upstream.openResponses() === 0);
  });

  it('should give a non-streaming client the text up to the loop plus the notice', async () => {
    const completion = await client().chat.completions.create({ model: 'loop-finite', messages: [{ role: 'user', content: 'go' }] });
    const text = completion.choices[0]?.message.content ?? '';
    expect(text.startsWith('Intro. Loading the data')).toBe(true);
    expect(text).toMatch(/\[Response cancelled: Loop detected - Pattern '.*' repeated \d+ times\]$/);
  });

  it('should cut loops for an Anthropic client too, with a well-formed stream the SDK parses', async () => {
    const anthropic = new Anthropic({ apiKey: proxyKey, baseURL: `${gateway.url}/anthropic`, maxRetries: 0, defaultHeaders: { 'x-session-id': `steer-${++sessions}` } });
    const message = await anthropic.messages.stream({ model: 'loop-endless', max_tokens: 100, messages: [{ role: 'user', content: 'go' }] }).finalMessage();
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    expect(text).toMatch(/\[Response cancelled: Loop detected/);
    expect(message.stop_reason).toBe('end_turn');
  });
});

describe('tool-call repair', () => {
  it('should turn a tool call written as text into a real tool call, for declared tools only', async () => {
    const final = await client().chat.completions.stream({ model: 'text-tool-call', messages: [{ role: 'user', content: 'read it' }], tools }).finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(message?.tool_calls?.map((call) => (call.type === 'function' ? [call.function.name, JSON.parse(call.function.arguments)] : []))).toEqual([
      ['read_file', { path: 'README.md' }],
    ]);
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message?.content).toBe('Let me look.\n');
  });

  it('should leave the same text alone when the request declared no tools', async () => {
    const completion = await client().chat.completions.create({ model: 'text-tool-call', messages: [{ role: 'user', content: 'read it' }] });
    expect(completion.choices[0]?.message.tool_calls ?? []).toEqual([]);
    expect(completion.choices[0]?.message.content).toContain('<tool_call>');
  });

  it('should repair invalid JSON in tool-call arguments', async () => {
    const completion = await client().chat.completions.create({ model: 'broken-args', messages: [{ role: 'user', content: 'x' }], tools });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toEqual({ path: 'a.txt' });
  });
});

describe('tool-call loop tracking', () => {
  it('should stop the 4th identical call in a session and never forward it', async () => {
    const session = new OpenAI({ apiKey: proxyKey, baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-session-id': 'tool-loop-session' } });
    for (let call = 1; call <= 3; call++) {
      const completion = await session.chat.completions.create({ model: 'same-call', messages: [{ role: 'user', content: 'again' }], tools });
      expect(completion.choices[0]?.message.tool_calls).toHaveLength(1);
    }
    const fourth = await session.chat.completions.create({ model: 'same-call', messages: [{ role: 'user', content: 'again' }], tools });
    expect(fourth.choices[0]?.message.tool_calls ?? []).toEqual([]);
    expect(fourth.choices[0]?.message.content).toMatch(/^Tool call loop detected: 'read_file' invoked with identical parameters 4 times within 120s/);
    expect(fourth.choices[0]?.finish_reason).toBe('stop');
  });

  it('should keep sessions apart', async () => {
    const other = new OpenAI({ apiKey: proxyKey, baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-session-id': 'another-session' } });
    const completion = await other.chat.completions.create({ model: 'same-call', messages: [{ role: 'user', content: 'again' }], tools });
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(1);
  });
});

describe('empty-response recovery', () => {
  it('should retry an empty answer once with the steering prompt before anything reaches the client', async () => {
    const before = gateway.upstream.requests.length;
    const completion = await client().chat.completions.create({ model: 'empty', messages: [{ role: 'user', content: 'say something' }] });
    const sent = gateway.upstream.requests.slice(before);
    expect(sent).toHaveLength(2);
    const retried = sent[1]?.body?.messages as { role: string; content: unknown }[];
    expect(retried.at(-1)).toMatchObject({ role: 'user', content: expect.stringContaining('The previous response was empty') });
    expect(completion.choices[0]?.message.content ?? '').toBe('');
  });
});
