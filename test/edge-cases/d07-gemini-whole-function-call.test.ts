import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalToAnthropicEvents } from '../../src/protocols/anthropic/index.js';
import { geminiEventsToCanonical } from '../../src/protocols/gemini/index.js';
import { canonicalToOpenAIChatEvents } from '../../src/protocols/openai-chat/index.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import { readFixtureLines } from '../fixtures/read-fixture.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { assertAnthropicWireOrder, counterIds, decodeSse, encodeChunks, frame, payloads, reduce, toolCallsOf, toolInputOf } from './edge-helpers.js';

const candidate = (parts: unknown[], finishReason?: string) => ({
  candidates: [{ content: { role: 'model', parts }, index: 0, ...(finishReason === undefined ? {} : { finishReason }) }],
});
/** Two whole calls in one chunk without `id`, a third with `id: ""`. */
const stream = frame(
  [
    candidate([
      { functionCall: { name: 'get_weather', args: { city: 'Oslo' } } },
      { functionCall: { name: 'get_weather', args: { city: 'Lima' } } },
    ]),
    candidate([{ functionCall: { id: '', name: 'get_time', args: {} } }], 'STOP'),
  ],
  'gemini',
);

describe('D.7 Gemini sends the whole functionCall in one chunk', () => {
  it('should make a stable, unique call_ id for calls with no id or an empty id', async () => {
    const chunks = await decodeSse(stream, geminiEventsToCanonical({ generateId: counterIds() }));
    assertChunkContract(chunks, { requireTerminal: true });
    const calls = toolCallsOf(reduce(chunks));
    expect(calls.map((call) => [call.name, call.args])).toEqual([
      ['get_weather', { city: 'Oslo' }],
      ['get_weather', { city: 'Lima' }],
      ['get_time', {}],
    ]);
    for (const call of calls) expect(call.id).toMatch(/^call_./);
    expect(new Set(calls.map((call) => call.id)).size).toBe(3);
    // Each call's id is the same on its start, delta, end and tool-call chunks.
    for (const call of calls) {
      const types = chunks.filter((chunk) => ('id' in chunk && chunk.id === call.id) || (chunk.type === 'tool-call' && chunk.toolCallId === call.id)).map((chunk) => chunk.type);
      expect(types).toEqual(['tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-call']);
    }
  });

  it('should give an OpenAI client a start delta and then a single arguments delta per call', async () => {
    const chunks = await decodeSse(stream, geminiEventsToCanonical({ generateId: counterIds() }));
    const events = await encodeChunks(chunks, canonicalToOpenAIChatEvents({ id: 'chatcmpl-1', model: 'm', created: 1, includeUsage: false }));
    const fragments = payloads(events).flatMap((payload) =>
      (payload.choices as { delta: { tool_calls?: { index: number; id?: string; function: { name?: string; arguments: string } }[] } }[]).flatMap((choice) => choice.delta.tool_calls ?? []),
    );
    for (const index of [0, 1, 2]) {
      const own = fragments.filter((fragment) => fragment.index === index);
      expect(own).toHaveLength(2);
      expect(own[0]?.id).toMatch(/^call_/);
      expect(own[0]?.function.arguments).toBe('');
      expect(JSON.parse(own[1]?.function.arguments ?? '')).toEqual([{ city: 'Oslo' }, { city: 'Lima' }, {}][index]);
    }
  });

  it('should give an Anthropic client content_block_start + one input_json_delta + content_block_stop per call', async () => {
    const chunks = await decodeSse(stream, geminiEventsToCanonical({ generateId: counterIds() }));
    const blocks = assertAnthropicWireOrder(await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg_1', model: 'm' })));
    expect(blocks.map((block) => [block.start.type, block.deltas.length])).toEqual([
      ['tool_use', 1],
      ['tool_use', 1],
      ['tool_use', 1],
    ]);
  });

  it('should give a call without args the arguments {} on every client side', async () => {
    const noArgs = frame([candidate([{ functionCall: { name: 'list_files' } }], 'STOP')], 'gemini');
    const chunks = await decodeSse(noArgs, geminiEventsToCanonical({ generateId: counterIds() }));
    expect(toolCallsOf(reduce(chunks)).map((call) => call.args)).toEqual([{}]);
    const openai = payloads(await encodeChunks(chunks, canonicalToOpenAIChatEvents({ id: 'c', model: 'm', created: 1, includeUsage: false })));
    const args = openai.flatMap((payload) =>
      (payload.choices as { delta: { tool_calls?: { function: { arguments: string } }[] } }[]).flatMap((choice) => (choice.delta.tool_calls ?? []).map((call) => call.function.arguments)),
    );
    expect(JSON.parse(args.join(''))).toEqual({});
    const [block] = assertAnthropicWireOrder(await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg', model: 'm' })));
    expect(block === undefined ? undefined : toolInputOf(block)).toEqual({});
  });

  it('should rebuild Vertex partialArgs into one JSON arguments object', async () => {
    const body = frame(readFixtureLines('gemini/google-vertex-stream-tool-call-arguments-nested.1.chunks.txt'), 'gemini');
    const chunks = await decodeSse(body, geminiEventsToCanonical({ generateId: counterIds() }));
    assertChunkContract(chunks, { requireTerminal: true });
    const [call] = toolCallsOf(reduce(chunks));
    expect(call?.name).toBe('cookRecipe');
    const recipe = (call?.args as { recipe: { ingredients: { amount: string; name: string }[] } }).recipe;
    expect(recipe.ingredients[0]).toEqual(expect.objectContaining({ amount: '16 oz', name: 'Lasagna noodles' }));
  });

  describe('through the gateway', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('g-tool', { kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] });
      gateway.setScenario('g-after', { kind: 'text', text: 'Sunny.' });
    });
    afterAll(() => gateway.close());

    it('should hand an OpenAI client a made-up call_ id and map its tool result back to the call by name', async () => {
      const client = gateway.openai();
      const first = await client.chat.completions.stream({ model: 'gemini:g-tool', messages: [{ role: 'user', content: 'Weather?' }] }).finalChatCompletion();
      const call = first.choices[0]?.message.tool_calls?.[0];
      if (call?.type !== 'function') throw new Error('expected a function call');
      expect(call.id).toMatch(/^call_./);
      await client.chat.completions.create({
        model: 'gemini:g-after',
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'tool', tool_call_id: call.id, content: 'sunny' },
        ],
      });
      const contents = (gateway.fakes.gemini.requests.at(-1)?.body?.contents ?? []) as { parts: { functionCall?: { name: string; id?: string }; functionResponse?: { name: string; id?: string } }[] }[];
      const parts = contents.flatMap((content) => content.parts);
      const sentCall = parts.find((part) => part.functionCall !== undefined)?.functionCall;
      const sentResponse = parts.find((part) => part.functionResponse !== undefined)?.functionResponse;
      expect(sentCall?.name).toBe('get_weather');
      expect(sentResponse?.name).toBe('get_weather');
      expect(sentResponse?.id).toBe(sentCall?.id);
    });
  });
});
