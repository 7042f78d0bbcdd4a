import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsToCanonical } from '../../src/protocols/anthropic/index.js';
import { canonicalToOpenAIChatEvents, openaiChatEventsToCanonical } from '../../src/protocols/openai-chat/index.js';
import { readFixture } from '../fixtures/read-fixture.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { decodeSse, encodeChunks, frame, payloads, serveBody, sseEvents, startRawServer, type RawServer } from './edge-helpers.js';
import type { SseEvent } from '../../src/streams/sse-event.js';

/** The `index` of every tool-call fragment in an OpenAI chunk stream, in order. */
function toolIndexes(events: readonly SseEvent[]): number[] {
  return payloads(events).flatMap((payload) =>
    ((payload.choices ?? []) as { delta?: { tool_calls?: { index: number }[] } }[]).flatMap((choice) => (choice.delta?.tool_calls ?? []).map((call) => call.index)),
  );
}

/** Text block 0, then tool_use blocks 1 and 2: Anthropic numbering that must not leak into tool_calls. */
const anthropicStream = frame(
  [
    { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], usage: { input_tokens: 3, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Let me look.' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'read', input: {} } },
    { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"path":"a"}' } },
    { type: 'content_block_stop', index: 1 },
    { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_2', name: 'read', input: {} } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"path":"b"}' } },
    { type: 'content_block_stop', index: 2 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 20 } },
    { type: 'message_stop' },
  ],
  'anthropic',
);

const encoder = () => canonicalToOpenAIChatEvents({ id: 'chatcmpl-1', model: 'm', created: 1, includeUsage: false });

describe('D.4 Tool-call index gaps on the OpenAI side', () => {
  it('should count tool calls from 0 when the Anthropic text block took index 0', async () => {
    const events = await encodeChunks(await decodeSse(anthropicStream, anthropicEventsToCanonical()), encoder());
    expect([...new Set(toolIndexes(events))]).toEqual([0, 1]);
  });

  it('should renumber an upstream OpenAI stream whose tool_calls start at index 1', async () => {
    const chunks = await decodeSse(readFixture('openai-chat/anthropic-fallback-tool-call.sse'), openaiChatEventsToCanonical());
    const events = await encodeChunks(chunks, encoder());
    expect([...new Set(toolIndexes(events))]).toEqual([0]);
  });

  describe('through the gateway', () => {
    let upstream: RawServer;
    let gateway: EdgeGateway;
    beforeAll(async () => {
      upstream = await startRawServer(serveBody(readFixture('openai-chat/anthropic-fallback-tool-call.sse')));
      gateway = await startEdgeGateway({ openai: upstream.url });
      gateway.setScenario('text-and-tools', {
        kind: 'tool-calls',
        text: 'Reading both.',
        calls: [
          { name: 'read', arguments: '{"path":"a"}' },
          { name: 'read', arguments: '{"path":"b"}' },
        ],
      });
    });
    afterAll(async () => {
      await gateway.close();
      await upstream.close();
    });

    it('should let the OpenAI SDK assemble calls from an Anthropic backend (text block first)', async () => {
      const raw = await gateway.postOpenAI({ model: 'anthropic:text-and-tools', stream: true, messages: [{ role: 'user', content: 'read' }] });
      expect([...new Set(toolIndexes(await sseEvents(raw.text)))]).toEqual([0, 1]);
      const completion = await gateway
        .openai()
        .chat.completions.stream({ model: 'anthropic:text-and-tools', messages: [{ role: 'user', content: 'read' }] })
        .finalChatCompletion();
      const calls = completion.choices[0]?.message.tool_calls ?? [];
      expect(calls.map((call) => (call.type === 'function' ? JSON.parse(call.function.arguments) : undefined))).toEqual([{ path: 'a' }, { path: 'b' }]);
    });

    it('should let the OpenAI SDK read an upstream whose first tool call had index 1', async () => {
      const completion = await gateway
        .openai()
        .chat.completions.stream({ model: 'openai:gap', messages: [{ role: 'user', content: 'read' }] })
        .finalChatCompletion();
      const call = completion.choices[0]?.message.tool_calls?.[0];
      expect(call?.type === 'function' ? [call.id, call.function.name, JSON.parse(call.function.arguments)] : undefined).toEqual([
        'toolu_sanitized',
        'read_file',
        { path: 'a.txt' },
      ]);
      expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    });
  });
});
