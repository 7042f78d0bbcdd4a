import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalToAnthropicEvents } from '../../src/protocols/anthropic/index.js';
import { openaiChatEventsToCanonical } from '../../src/protocols/openai-chat/index.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { assertAnthropicWireOrder, decodeSse, encodeChunks, frame, openaiChunk, reduce, sseEvents, toolCallsOf, toolInputOf } from './edge-helpers.js';

/** Two calls whose fragments alternate; only the first fragment of each has id and name, later ones `id: ""`. */
const interleaved = frame(
  [
    openaiChunk({ role: 'assistant', content: null }),
    openaiChunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
    openaiChunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '' } }] }),
    openaiChunk({ tool_calls: [{ index: 0, id: '', function: { arguments: '{"city":' } }] }),
    openaiChunk({ tool_calls: [{ index: 1, function: { arguments: '{"zone":' } }] }),
    openaiChunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }),
    openaiChunk({ tool_calls: [{ index: 1, id: '', function: { arguments: '"UTC"}' } }] }),
    openaiChunk({}, 'tool_calls'),
  ],
  'openai',
  { done: true },
);

describe('D.2 Parallel tool calls that interleave by index', () => {
  it('should group fragments by index, not by the last id seen', async () => {
    const chunks = await decodeSse(interleaved, openaiChatEventsToCanonical());
    assertChunkContract(chunks, { requireTerminal: true });
    expect(toolCallsOf(reduce(chunks))).toEqual([
      { id: 'call_a', name: 'get_weather', args: { city: 'Oslo' } },
      { id: 'call_b', name: 'get_time', args: { zone: 'UTC' } },
    ]);
  });

  it('should give each tool_use its own Anthropic block index, with no delta after its stop', async () => {
    const chunks = await decodeSse(interleaved, openaiChatEventsToCanonical());
    const events = await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg_1', model: 'm' }));
    const blocks = assertAnthropicWireOrder(events);
    expect(blocks.map((block) => [block.index, block.start.type, block.start.id, toolInputOf(block)])).toEqual([
      [0, 'tool_use', 'call_a', { city: 'Oslo' }],
      [1, 'tool_use', 'call_b', { zone: 'UTC' }],
    ]);
  });

  describe('through the gateway (OpenAI fake interleaving two calls)', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('parallel', {
        kind: 'tool-calls',
        interleave: true,
        calls: [
          { name: 'get_weather', arguments: '{"city":"Oslo","unit":"celsius"}' },
          { name: 'get_weather', arguments: '{"city":"Lima","unit":"fahrenheit"}' },
        ],
      });
    });
    afterAll(() => gateway.close());

    it('should send an Anthropic client a strictly ordered stream with separate tool_use blocks', async () => {
      const reply = await gateway.postAnthropic({ model: 'openai:parallel', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'two' }] });
      const blocks = assertAnthropicWireOrder(await sseEvents(reply.text));
      expect(blocks.map((block) => toolInputOf(block))).toEqual([
        { city: 'Oslo', unit: 'celsius' },
        { city: 'Lima', unit: 'fahrenheit' },
      ]);
      expect(new Set(blocks.map((block) => block.start.id)).size).toBe(2);
    });

    it('should let the Anthropic SDK assemble both calls with their own arguments', async () => {
      const message = await gateway
        .anthropic()
        .messages.stream({ model: 'openai:parallel', max_tokens: 64, messages: [{ role: 'user', content: 'two' }] })
        .finalMessage();
      expect(message.content.flatMap((block) => (block.type === 'tool_use' ? [block.input] : []))).toEqual([
        { city: 'Oslo', unit: 'celsius' },
        { city: 'Lima', unit: 'fahrenheit' },
      ]);
      expect(message.stop_reason).toBe('tool_use');
    });
  });
});
