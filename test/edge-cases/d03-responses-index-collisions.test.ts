import { describe, expect, it } from 'vitest';
import { canonicalToAnthropicEvents } from '../../src/protocols/anthropic/index.js';
import { canonicalToOpenAIChatEvents } from '../../src/protocols/openai-chat/index.js';
import { openAIResponsesEventsToCanonical } from '../../src/protocols/openai-responses/index.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import { readFixtureLines } from '../fixtures/read-fixture.js';
import { assertAnthropicWireOrder, counterIds, decodeSse, encodeChunks, payloads, toolInputOf } from './edge-helpers.js';

function responsesFrame(events: readonly Record<string, unknown>[]): string {
  return events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

const call = (outputIndex: number, id: string, callId: string, name: string): Record<string, unknown> => ({
  type: 'response.output_item.added',
  output_index: outputIndex,
  item: { type: 'function_call', id, call_id: callId, name, arguments: '', status: 'in_progress' },
});
const args = (outputIndex: number, id: string, delta: string): Record<string, unknown> => ({
  type: 'response.function_call_arguments.delta',
  output_index: outputIndex,
  item_id: id,
  delta,
});

/** Text at output_index 0, then two function calls at output_index 1 and 2 whose argument deltas interleave. */
const responsesStream = responsesFrame([
  { type: 'response.created', response: { id: 'resp_1', model: 'gpt-5', created_at: 1, status: 'in_progress' } },
  { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_a', role: 'assistant', content: [] } },
  { type: 'response.output_text.delta', output_index: 0, item_id: 'msg_a', content_index: 0, delta: 'Checking both.' },
  { type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: 'msg_a', role: 'assistant', content: [{ type: 'output_text', text: 'Checking both.' }] } },
  call(1, 'fc_1', 'call_1', 'get_weather'),
  call(2, 'fc_2', 'call_2', 'get_weather'),
  args(1, 'fc_1', '{"city":'),
  args(2, 'fc_2', '{"city":'),
  args(1, 'fc_1', '"Oslo"}'),
  args(2, 'fc_2', '"Lima"}'),
  { type: 'response.output_item.done', output_index: 1, item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' } },
  { type: 'response.output_item.done', output_index: 2, item: { type: 'function_call', id: 'fc_2', call_id: 'call_2', name: 'get_weather', arguments: '{"city":"Lima"}' } },
  { type: 'response.completed', response: { id: 'resp_1', status: 'completed', usage: { input_tokens: 5, output_tokens: 9, total_tokens: 14 } } },
]);

describe('D.3 Index collisions when translating Responses to Anthropic or Chat', () => {
  it('should give Anthropic blocks new sequential indices, not output_index, and keep the arguments apart', async () => {
    const chunks = await decodeSse(responsesStream, openAIResponsesEventsToCanonical({ generateId: counterIds() }));
    assertChunkContract(chunks, { requireTerminal: true });
    const blocks = assertAnthropicWireOrder(await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg_x', model: 'm' })));
    expect(blocks.map((block) => [block.index, block.start.type])).toEqual([
      [0, 'text'],
      [1, 'tool_use'],
      [2, 'tool_use'],
    ]);
    expect(blocks.slice(1).map(toolInputOf)).toEqual([{ city: 'Oslo' }, { city: 'Lima' }]);
  });

  it('should number Chat tool calls 0 and 1 (not output_index 1 and 2), one index per call', async () => {
    const chunks = await decodeSse(responsesStream, openAIResponsesEventsToCanonical({ generateId: counterIds() }));
    const events = await encodeChunks(chunks, canonicalToOpenAIChatEvents({ id: 'chatcmpl-1', model: 'm', created: 1, includeUsage: false }));
    const fragments = payloads(events).flatMap((payload) => {
      const choices = payload.choices as { delta: { tool_calls?: { index: number; id?: string; function?: { arguments?: string } }[] } }[];
      return choices.flatMap((choice) => choice.delta.tool_calls ?? []);
    });
    const byIndex = new Map<number, string>();
    for (const fragment of fragments) byIndex.set(fragment.index, (byIndex.get(fragment.index) ?? '') + (fragment.function?.arguments ?? ''));
    expect([...byIndex.keys()]).toEqual([0, 1]);
    expect([...byIndex.values()].map((text) => JSON.parse(text) as unknown)).toEqual([{ city: 'Oslo' }, { city: 'Lima' }]);
    expect(fragments.filter((fragment) => fragment.id !== undefined).map((fragment) => [fragment.index, fragment.id])).toEqual([
      [0, 'call_1'],
      [1, 'call_2'],
    ]);
  });

  it('should translate a recorded Codex response with reasoning and several function calls into a valid Anthropic stream', async () => {
    const body = responsesFrame(readFixtureLines('openai-responses/openai-reasoning-encrypted-content.1.chunks.txt').map((line) => JSON.parse(line) as Record<string, unknown>));
    const chunks = await decodeSse(body, openAIResponsesEventsToCanonical({ generateId: counterIds() }));
    const blocks = assertAnthropicWireOrder(await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg_x', model: 'm' })));
    const tools = blocks.filter((block) => block.start.type === 'tool_use');
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) expect(typeof toolInputOf(tool)).toBe('object');
    expect(new Set(tools.map((tool) => tool.start.id)).size).toBe(tools.length);
  });
});
