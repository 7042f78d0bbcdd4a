import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsToCanonical, canonicalToAnthropicEvents } from '../../src/protocols/anthropic/index.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import type { CanonicalChunk } from '../../src/streams/canonical-chunk.js';
import { numRuns } from '../split-bytes.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { assertAnthropicWireOrder, decodeSse, encodeChunks, frame, reduce, sseEvents, textOf, toolInputOf } from './edge-helpers.js';

type Kind = 'text' | 'reasoning' | 'tool';

/** One canonical block as its own chunk sequence (start, deltas, end, and the tool-call for tools). */
function blockChunks(kind: Kind, id: string, deltas: readonly string[]): CanonicalChunk[] {
  if (kind === 'tool') {
    return [
      { type: 'tool-input-start', id, toolName: 'f' },
      ...deltas.map((delta): CanonicalChunk => ({ type: 'tool-input-delta', id, delta })),
      { type: 'tool-input-end', id },
      { type: 'tool-call', toolCallId: id, toolName: 'f', input: deltas.join('') },
    ];
  }
  const prefix = kind === 'text' ? 'text' : 'reasoning';
  return [
    { type: `${prefix}-start`, id } as CanonicalChunk,
    ...deltas.map((delta) => ({ type: `${prefix}-delta`, id, delta }) as CanonicalChunk),
    { type: `${prefix}-end`, id } as CanonicalChunk,
  ];
}

const blockArbitrary = fc.record({
  kind: fc.constantFrom<Kind>('text', 'reasoning', 'tool'),
  pieces: fc.array(fc.string({ minLength: 0, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
});

/** Blocks interleaved chunk by chunk in a random order, with random junk after the terminal chunk. */
const streamArbitrary = fc
  .record({
    blocks: fc.array(blockArbitrary, { minLength: 1, maxLength: 4 }),
    picks: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    terminal: fc.constantFrom('finish', 'error', 'none'),
    junkAfter: fc.boolean(),
  })
  .map(({ blocks, picks, terminal, junkAfter }) => {
    const queues = blocks.map((block, index) => {
      // Tool arguments must be JSON: wrap the pieces as one string value.
      const deltas = block.kind === 'tool' ? ['{"v":', JSON.stringify(block.pieces.join('')), '}'] : block.pieces;
      return blockChunks(block.kind, `${block.kind}-${index}`, deltas);
    });
    const chunks: CanonicalChunk[] = [];
    let pick = 0;
    while (queues.some((queue) => queue.length > 0)) {
      const live = queues.filter((queue) => queue.length > 0);
      const queue = live[(picks[pick++ % picks.length] ?? 0) % live.length];
      const next = queue?.shift();
      if (next !== undefined) chunks.push(next);
    }
    if (terminal === 'finish') chunks.push({ type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage: { outputTokens: 3 } });
    if (terminal === 'error') chunks.push({ type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 529, message: 'Overloaded' } });
    if (junkAfter && terminal !== 'none') chunks.push({ type: 'text-delta', id: 'text-0', delta: 'late' }, { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage: {} });
    return { blocks, chunks };
  });

describe('D.11 Events after message_stop, or deltas with no open message', () => {
  it('should emit one message_start, start → delta* → stop per block, then message_delta and message_stop, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(streamArbitrary, async ({ blocks, chunks }) => {
        const events = await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg_1', model: 'm', ping: true }));
        const wire = assertAnthropicWireOrder(events);
        // Every tool keeps its own complete arguments; all text reaches the wire exactly once.
        const tools = wire.filter((block) => block.start.type === 'tool_use');
        const expectedTools = Object.fromEntries(blocks.flatMap((block, index) => (block.kind === 'tool' ? [[`tool-${index}`, { v: block.pieces.join('') }]] : [])));
        const errored = chunks.some((chunk) => chunk.type === 'error');
        if (!errored) {
          expect(Object.fromEntries(tools.map((tool) => [String(tool.start.id), toolInputOf(tool)]))).toEqual(expectedTools);
          const wireText = wire.flatMap((block) => block.deltas.map((delta) => (delta.type === 'text_delta' ? String(delta.text) : ''))).join('');
          const textLength = blocks.filter((block) => block.kind === 'text').reduce((sum, block) => sum + block.pieces.join('').length, 0);
          expect(wireText.length).toBe(textLength);
        }
      }),
      { numRuns },
    );
  });

  it('should send nothing after message_stop even when chunks keep coming', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'done' },
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage: {} },
      { type: 'text-start', id: 'u' },
      { type: 'text-delta', id: 'u', delta: 'late' },
      { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage: {} },
    ];
    const events = await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg_1', model: 'm' }));
    assertAnthropicWireOrder(events);
    expect(events.at(-1)?.event).toBe('message_stop');
    expect(events.filter((event) => event.event === 'message_start')).toHaveLength(1);
  });

  it('should ignore upstream deltas and stops for blocks that were never started, and anything after message_stop', async () => {
    const body = frame(
      [
        { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'c', content: [], usage: { input_tokens: 1, output_tokens: 1 } } },
        { type: 'content_block_delta', index: 4, delta: { type: 'text_delta', text: 'orphan' } },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'kept' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'content_block_stop', index: 0 },
        { type: 'content_block_stop', index: 7 },
        { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } },
        { type: 'message_stop' },
        { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'after stop' } },
        { type: 'message_stop' },
      ],
      'anthropic',
    );
    const chunks = await decodeSse(body, anthropicEventsToCanonical());
    assertChunkContract(chunks, { requireTerminal: true });
    expect(textOf(reduce(chunks))).toBe('kept');
    assertAnthropicWireOrder(await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg_2', model: 'm' })));
  });

  describe('through the gateway', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('mixed', { kind: 'text', text: 'The answer is 42.', reasoning: 'Six times seven.', pieces: 4 });
      gateway.setScenario('mixed-tools', { kind: 'tool-calls', text: 'Calling.', interleave: true, calls: [{ name: 'a', arguments: '{"x":1}' }, { name: 'b', arguments: '{"y":2}' }] });
    });
    afterAll(() => gateway.close());

    it.each(['openai', 'anthropic', 'gemini'])('should serve an Anthropic client a strictly ordered stream from the %s backend', async (backend) => {
      for (const model of ['mixed', 'mixed-tools']) {
        const reply = await gateway.postAnthropic({ model: `${backend}:${model}`, max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'go' }] });
        const blocks = assertAnthropicWireOrder(await sseEvents(reply.text));
        expect(blocks.length).toBeGreaterThanOrEqual(2);
      }
    });
  });
});
