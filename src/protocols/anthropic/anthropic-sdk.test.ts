import Anthropic from '@anthropic-ai/sdk';
import { from, lastValueFrom, map, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixedResponse, type FixedResponseServer } from '../../../test/serve-fixed-response.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { CanonicalResponse } from '../../streams/canonical-response.js';
import { serializeSse } from '../../streams/serialize-sse.js';
import { canonicalToAnthropicEvents } from './canonical-to-anthropic-events.js';
import { encodeAnthropicBody } from './encode-anthropic-body.js';

/** The loopback server; each test sets what it answers next. */
let server: FixedResponseServer;
let client: Anthropic;

/** Makes the server answer with the SSE text the encoder writes for these chunks. */
async function serveSse(chunks: CanonicalChunk[]): Promise<void> {
  const parts = await lastValueFrom(
    from(chunks).pipe(canonicalToAnthropicEvents({ id: 'msg_e2e', model: 'claude-e2e', ping: true }), map(serializeSse), toArray()),
  );
  server.reply('text/event-stream', parts.join(''));
}

beforeAll(async () => {
  server = await serveFixedResponse();
  client = new Anthropic({ apiKey: 'x', baseURL: server.url, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
});

const request = { model: 'claude-e2e', max_tokens: 100, messages: [{ role: 'user' as const, content: 'hi' }] };

describe('canonicalToAnthropicEvents with the official @anthropic-ai/sdk', () => {
  it('should give finalMessage() the thinking with signature, text, parallel tool inputs, stop reason and usage', async () => {
    await serveSse([
      { type: 'usage', usage: { inputTokens: 20, cachedInputTokens: 4 } },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Think ' },
      { type: 'reasoning-delta', id: 'r', delta: 'hard.' },
      { type: 'reasoning-end', id: 'r', providerMetadata: { anthropic: { signature: 'sig-123' } } },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Calling ' },
      { type: 'text-delta', id: 't', delta: 'tools — ok.' },
      { type: 'text-end', id: 't' },
      { type: 'tool-input-start', id: 'call_a', toolName: 'get_weather' },
      { type: 'tool-input-start', id: 'call_b', toolName: 'get_time' },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'call_b', delta: '{"zone":' },
      { type: 'tool-input-delta', id: 'call_a', delta: '"Paris"}' },
      { type: 'tool-input-delta', id: 'call_b', delta: '"CET"}' },
      { type: 'tool-input-end', id: 'call_a' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'get_weather', input: '{"city":"Paris"}' },
      { type: 'tool-input-end', id: 'call_b' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'get_time', input: '{"zone":"CET"}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: { inputTokens: 20, cachedInputTokens: 4, outputTokens: 42 } },
    ]);
    const message = await client.messages.stream(request).finalMessage();
    expect(message.id).toBe('msg_e2e');
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Think hard.', signature: 'sig-123' },
      { type: 'text', text: 'Calling tools — ok.' },
      { type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_b', name: 'get_time', input: { zone: 'CET' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 16, cache_read_input_tokens: 4, output_tokens: 42 });
  });

  it('should give an empty object for a lone tool-call without arguments', async () => {
    await serveSse([
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'now', input: '{}' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'STOP' }, usage: { outputTokens: 1 } },
    ]);
    const message = await client.messages.stream(request).finalMessage();
    expect(message.content).toEqual([{ type: 'tool_use', id: 'call_1', name: 'now', input: {} }]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('should read a non-streamed body through messages.create', async () => {
    const response: CanonicalResponse = {
      id: 'msg_body',
      modelId: 'claude-e2e',
      content: [
        { type: 'reasoning', text: 'why', providerMetadata: { anthropic: { signature: 'sig' } } },
        { type: 'text', text: 'Hello' },
        { type: 'text', text: '' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'f', input: '{"a":1}' },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      usage: { inputTokens: 7, outputTokens: 3 },
      warnings: [],
    };
    server.reply('application/json', JSON.stringify(encodeAnthropicBody(response, { generateId: (prefix) => `${prefix}x`, now: () => 0 })));
    const message = await client.messages.create(request);
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'why', signature: 'sig' },
      { type: 'text', text: 'Hello' },
      { type: 'tool_use', id: 'call_1', name: 'f', input: { a: 1 } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 7, output_tokens: 3 });
  });

  it('should make the SDK throw an APIError on an in-band error', async () => {
    await serveSse([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'partial' },
      { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 529, message: 'Overloaded', upstreamType: 'overloaded_error' } },
    ]);
    const failure = await client.messages.stream(request).finalMessage().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect((failure as InstanceType<typeof Anthropic.APIError>).message).toContain('Overloaded');
  });
});
