import OpenAI from 'openai';
import { from, lastValueFrom, map, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixedResponse, type FixedResponseServer } from '../../../test/serve-fixed-response.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { CanonicalResponse } from '../../streams/canonical-response.js';
import { serializeSse } from '../../streams/serialize-sse.js';
import { canonicalToOpenAIChatEvents } from './canonical-to-openai-chat-events.js';
import { encodeOpenAIChatBody } from './encode-openai-chat-body.js';

/** The loopback server; each test sets what it answers next. */
let server: FixedResponseServer;
let client: OpenAI;

beforeAll(async () => {
  server = await serveFixedResponse();
  client = new OpenAI({ apiKey: 'x', baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
});

async function serveStream(chunks: CanonicalChunk[]): Promise<void> {
  const events = await lastValueFrom(
    from(chunks).pipe(
      canonicalToOpenAIChatEvents({ id: 'chatcmpl-sdk', model: 'gpt-sdk', created: 1700000000, includeUsage: true }),
      map(serializeSse),
      toArray(),
    ),
  );
  server.reply('text/event-stream', events.join(''));
}

const parallelToolReply: CanonicalChunk[] = [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Checking ' },
  { type: 'text-delta', id: 't', delta: 'both.' },
  { type: 'text-end', id: 't' },
  { type: 'tool-input-start', id: 'call_1', toolName: 'weather' },
  { type: 'tool-input-start', id: 'call_2', toolName: 'time' },
  { type: 'tool-input-delta', id: 'call_1', delta: '{"city":' },
  { type: 'tool-input-delta', id: 'call_2', delta: '{"tz":"UTC"}' },
  { type: 'tool-input-delta', id: 'call_1', delta: '"Paris"}' },
  { type: 'tool-input-end', id: 'call_1' },
  { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{"city":"Paris"}' },
  { type: 'tool-input-end', id: 'call_2' },
  { type: 'tool-call', toolCallId: 'call_2', toolName: 'time', input: '{"tz":"UTC"}' },
  { type: 'tool-call', toolCallId: 'call_3', toolName: 'lone', input: '{"whole":true}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: { inputTokens: 10, outputTokens: 4 } },
];

describe('canonicalToOpenAIChatEvents with the official openai SDK', () => {
  it('should give finalChatCompletion() the text and parallel tool calls', async () => {
    await serveStream(parallelToolReply);
    const stream = client.chat.completions.stream({ model: 'gpt-sdk', messages: [{ role: 'user', content: 'hi' }], stream_options: { include_usage: true } });
    const completion = await stream.finalChatCompletion();
    const message = completion.choices[0].message;
    expect(message.role).toBe('assistant');
    expect(message.content).toBe('Checking both.');
    expect(message.tool_calls?.map((call) => (call.type === 'function' ? [call.id, call.function.name, call.function.arguments] : []))).toEqual([
      ['call_1', 'weather', '{"city":"Paris"}'],
      ['call_2', 'time', '{"tz":"UTC"}'],
      ['call_3', 'lone', '{"whole":true}'],
    ]);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 });
  });

  it('should give the SDK a tool-only reply it can finalize', async () => {
    await serveStream([{ type: 'tool-call', toolCallId: 'call_x', toolName: 'now', input: '' }, { type: 'finish', finishReason: { unified: 'stop', raw: 'STOP' }, usage: {} }]);
    const completion = await client.chat.completions.stream({ model: 'gpt-sdk', messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion();
    const [call] = completion.choices[0].message.tool_calls ?? [];
    expect(call?.type === 'function' ? [call.function.name, call.function.arguments] : []).toEqual(['now', '{}']);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
  });

  it('should make the SDK throw an APIError on a mid-stream error event', async () => {
    await serveStream([
      { type: 'text-delta', id: 't', delta: 'partial' },
      { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 502, message: 'boom' } },
    ]);
    const stream = client.chat.completions.stream({ model: 'gpt-sdk', messages: [{ role: 'user', content: 'hi' }] });
    await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  it('should have chat.completions.create parse a non-stream body', async () => {
    const response: CanonicalResponse = {
      content: [
        { type: 'reasoning', text: 'think' },
        { type: 'text', text: 'Calling.' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{"city":"Oslo"}' },
        { type: 'tool-call', toolCallId: 'call_2', toolName: 'time', input: '{}' },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      usage: { inputTokens: 3, outputTokens: 9, reasoningTokens: 2 },
      warnings: [],
    };
    server.reply('application/json', JSON.stringify(encodeOpenAIChatBody(response, { id: 'chatcmpl-b', model: 'gpt-sdk', created: 1 })));
    const completion = await client.chat.completions.create({ model: 'gpt-sdk', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.id).toBe('chatcmpl-b');
    expect(completion.choices[0].message.content).toBe('Calling.');
    expect(completion.choices[0].message.tool_calls?.map((call) => call.id)).toEqual(['call_1', 'call_2']);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(2);
  });
});
