import fc from 'fast-check';
import { from, lastValueFrom, map, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { numRuns } from '../../../test/split-bytes.js';
import type { CanonicalChunk, ChunkOf, FinishReasonUnified } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import { serializeSse } from '../../streams/serialize-sse.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { anthropicEventsToCanonical } from './anthropic-events-to-canonical.js';
import { canonicalToAnthropicEvents } from './canonical-to-anthropic-events.js';

interface GeneratedBlock {
  readonly kind: 'text' | 'reasoning' | 'tool';
  readonly deltas: string[];
  readonly signature?: string;
  readonly toolName: string;
  /** Tool input as one JSON text; its deltas are pieces of it. */
  readonly input: string;
  /** Whether a tool call is streamed (start/deltas/end + tool-call) or arrives whole. */
  readonly streamed: boolean;
}

const textArbitrary = fc.string({ unit: 'grapheme', maxLength: 12 });

function cut(text: string, points: number[]): string[] {
  const sorted = [...new Set(points.map((point) => point % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of sorted) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  pieces.push(text.slice(start));
  return pieces;
}

const blockArbitrary: fc.Arbitrary<GeneratedBlock> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), deltas: fc.array(textArbitrary, { maxLength: 5 }), toolName: fc.constant(''), input: fc.constant(''), streamed: fc.constant(true) }),
  fc.record({
    kind: fc.constant('reasoning' as const),
    deltas: fc.array(textArbitrary, { minLength: 1, maxLength: 5 }),
    signature: fc.option(fc.base64String({ minLength: 4, maxLength: 40 }), { nil: undefined }),
    toolName: fc.constant(''),
    input: fc.constant(''),
    streamed: fc.constant(true),
  }),
  fc
    .record({
      toolName: fc.stringMatching(/^[a-z_]{1,10}$/),
      value: fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.oneof(fc.integer(), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.boolean()), { maxKeys: 3 }),
      cuts: fc.array(fc.nat(), { maxLength: 4 }),
      streamed: fc.boolean(),
    })
    .map(({ toolName, value, cuts, streamed }) => {
      const input = JSON.stringify(value);
      return { kind: 'tool' as const, deltas: cut(input, cuts), toolName, input, streamed };
    }),
);

/** The chunk sequence of one block, in its own order. */
function blockChunks(block: GeneratedBlock, id: string): CanonicalChunk[] {
  switch (block.kind) {
    case 'text':
      return [{ type: 'text-start', id }, ...block.deltas.map((delta) => ({ type: 'text-delta' as const, id, delta })), { type: 'text-end', id }];
    case 'reasoning':
      return [
        { type: 'reasoning-start', id },
        ...block.deltas.map((delta) => ({ type: 'reasoning-delta' as const, id, delta })),
        { type: 'reasoning-end', id, ...(block.signature === undefined ? {} : { providerMetadata: { anthropic: { signature: block.signature } } }) },
      ];
    case 'tool': {
      const call: CanonicalChunk = { type: 'tool-call', toolCallId: id, toolName: block.toolName, input: block.input };
      if (!block.streamed) return [call];
      return [
        { type: 'tool-input-start', id, toolName: block.toolName },
        ...block.deltas.map((delta) => ({ type: 'tool-input-delta' as const, id, delta })),
        { type: 'tool-input-end', id },
        call,
      ];
    }
    default: {
      const exhaustive: never = block.kind;
      throw new Error(String(exhaustive));
    }
  }
}

/** Interleaves per-block sequences (each keeps its own order) as the `choices` dictate. */
function interleave(sequences: CanonicalChunk[][], choices: number[]): CanonicalChunk[] {
  const queues = sequences.map((sequence) => [...sequence]);
  const out: CanonicalChunk[] = [];
  let step = 0;
  for (;;) {
    const open = queues.filter((queue) => queue.length > 0);
    if (open.length === 0) return out;
    const queue = open[(choices[step % Math.max(choices.length, 1)] ?? 0) % open.length];
    step += 1;
    out.push(queue.shift() as CanonicalChunk);
  }
}

const unifiedArbitrary = fc.constantFrom<FinishReasonUnified>('stop', 'length', 'content-filter', 'tool-calls');
const usageArbitrary = fc
  .record({ cached: fc.nat(1000), uncached: fc.nat(100_000), output: fc.nat(100_000) })
  .map(({ cached, uncached, output }) => ({ inputTokens: cached + uncached, cachedInputTokens: cached, outputTokens: output }));

function stream(blocks: GeneratedBlock[], choices: number[] | undefined, unified: FinishReasonUnified, usage: ChunkOf<'finish'>['usage']): CanonicalChunk[] {
  const sequences = blocks.map((block, index) => blockChunks(block, `${block.kind}_${index}`));
  const content = choices === undefined ? sequences.flat() : interleave(sequences, choices);
  return [...content, { type: 'finish', finishReason: { unified, raw: undefined }, usage }];
}

function encode(chunks: CanonicalChunk[]): Promise<SseEvent[]> {
  return lastValueFrom(from(chunks).pipe(canonicalToAnthropicEvents({ id: 'msg_p', model: 'm' }), toArray()));
}

async function roundTrip(chunks: CanonicalChunk[]): Promise<CanonicalChunk[]> {
  const wire = await lastValueFrom(from(chunks).pipe(canonicalToAnthropicEvents({ id: 'msg_p', model: 'm' }), map(serializeSse), toArray()));
  return lastValueFrom(from([wire.join('')]).pipe(parseSse(), anthropicEventsToCanonical(), toArray()));
}

function blockTexts(chunks: CanonicalChunk[], kind: 'text' | 'reasoning'): { text: string; signature: unknown }[] {
  const texts = new Map<string, { text: string; signature: unknown }>();
  for (const chunk of chunks) {
    if (chunk.type === `${kind}-start`) texts.set((chunk as ChunkOf<'text-start'>).id, { text: '', signature: undefined });
    if (chunk.type === `${kind}-delta`) {
      const delta = chunk as ChunkOf<'text-delta'>;
      const entry = texts.get(delta.id);
      if (entry !== undefined) entry.text += delta.delta;
    }
    if (chunk.type === 'reasoning-end' && kind === 'reasoning') {
      const entry = texts.get(chunk.id);
      if (entry !== undefined) entry.signature = chunk.providerMetadata?.['anthropic']?.['signature'];
    }
  }
  return [...texts.values()];
}

function toolCalls(chunks: CanonicalChunk[]): { id: string; name: string; input: unknown }[] {
  return chunks
    .filter((chunk): chunk is ChunkOf<'tool-call'> => chunk.type === 'tool-call')
    .map((chunk) => ({ id: chunk.toolCallId, name: chunk.toolName, input: JSON.parse(chunk.input) as unknown }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function expectedUnified(unified: FinishReasonUnified, hasTools: boolean): FinishReasonUnified {
  if (hasTools && (unified === 'stop' || unified === 'tool-calls')) return 'tool-calls';
  return unified === 'tool-calls' ? 'stop' : unified;
}

describe('canonicalToAnthropicEvents', () => {
  it('should round-trip text, reasoning with signatures, tool calls, stop reason and usage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(blockArbitrary, { maxLength: 6 }), unifiedArbitrary, usageArbitrary, async (blocks, unified, usage) => {
        const chunks = stream(blocks, undefined, unified, usage);
        const decoded = await roundTrip(chunks);
        assertChunkContract(decoded, { requireTerminal: true });
        const nonEmptyText = (entries: { text: string }[]): string[] => entries.map((entry) => entry.text).filter((text) => text !== '');
        expect(nonEmptyText(blockTexts(decoded, 'text'))).toEqual(nonEmptyText(blockTexts(chunks, 'text')));
        expect(blockTexts(decoded, 'reasoning')).toEqual(blockTexts(chunks, 'reasoning').filter((entry) => entry.text !== '' || entry.signature !== undefined));
        expect(toolCalls(decoded)).toEqual(toolCalls(chunks));
        const finish = decoded[decoded.length - 1] as ChunkOf<'finish'>;
        expect(finish.finishReason.unified).toBe(expectedUnified(unified, blocks.some((block) => block.kind === 'tool')));
        expect(finish.usage).toMatchObject(usage);
      }),
      { numRuns },
    );
  });

  it('should keep tool inputs and reasoning whole for any interleaving of blocks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(blockArbitrary, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 30 }), async (blocks, choices) => {
        const chunks = stream(blocks, choices, 'stop', {});
        const decoded = await roundTrip(chunks);
        assertChunkContract(decoded, { requireTerminal: true });
        expect(toolCalls(decoded)).toEqual(toolCalls(chunks));
        const reasoning = (list: CanonicalChunk[]): unknown[] =>
          blockTexts(list, 'reasoning').filter((entry) => entry.text !== '' || entry.signature !== undefined).sort((a, b) => a.text.localeCompare(b.text));
        expect(reasoning(decoded)).toEqual(reasoning(chunks));
        const allText = (list: CanonicalChunk[]): string =>
          [...blockTexts(list, 'text').map((entry) => entry.text).join('')].sort().join('');
        expect(allText(decoded)).toBe(allText(chunks));
      }),
      { numRuns },
    );
  });

  it('should never send a delta outside an open block, and number blocks 0, 1, 2 …', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(blockArbitrary, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 30 }), async (blocks, choices) => {
        const events = await encode(stream(blocks, choices, 'stop', {}));
        const types = events.map((event) => event.event);
        expect(types[0]).toBe('message_start');
        expect(types.filter((type) => type === 'message_start')).toHaveLength(1);
        expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
        let open: number | undefined;
        let next = 0;
        for (const event of events) {
          const payload = JSON.parse(event.data) as { type: string; index?: number; delta?: { type: string; text?: string } };
          expect(event.event).toBe(payload.type);
          if (payload.type === 'content_block_start') {
            expect(open).toBeUndefined();
            expect(payload.index).toBe(next);
            open = next;
            next += 1;
          } else if (payload.type === 'content_block_delta') {
            expect(payload.index).toBe(open);
            if (payload.delta?.type === 'text_delta') expect(payload.delta.text).not.toBe('');
          } else if (payload.type === 'content_block_stop') {
            expect(payload.index).toBe(open);
            open = undefined;
          } else if (payload.type === 'message_delta') expect(open).toBeUndefined();
        }
      }),
      { numRuns },
    );
  });
});
