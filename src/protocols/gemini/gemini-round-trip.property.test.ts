import fc from 'fast-check';
import { from, lastValueFrom, map, of, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { numRuns } from '../../../test/split-bytes.js';
import type { CanonicalChunk, FinishReasonUnified } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import { serializeSse } from '../../streams/serialize-sse.js';
import { canonicalToGeminiEvents } from './canonical-to-gemini-events.js';
import { geminiEventsToCanonical } from './gemini-events-to-canonical.js';
import { sequentialIds } from './gemini-fixture-replay.js';

type Item =
  | { kind: 'text' | 'reasoning'; pieces: string[]; signature?: string }
  | { kind: 'tool'; name: string; args: Record<string, unknown>; signature?: string };

const piece = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' });
const signature = fc.option(fc.base64String({ minLength: 4, maxLength: 16 }), { nil: undefined });
const item: fc.Arbitrary<Item> = fc.oneof(
  fc.record({ kind: fc.constantFrom('text' as const, 'reasoning' as const), pieces: fc.array(piece, { minLength: 1, maxLength: 4 }), signature }),
  fc.record({
    kind: fc.constant('tool' as const),
    name: fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/),
    args: fc.dictionary(fc.string({ maxLength: 6 }).filter((key) => key !== '__proto__'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    signature,
  }),
);
const usage = fc.record({ input: fc.nat(5000), candidates: fc.nat(5000), reasoning: fc.nat(5000) });
const finish = fc.constantFrom<FinishReasonUnified>('stop', 'length', 'content-filter', 'tool-calls');

function toChunks(items: Item[], unified: FinishReasonUnified, counts: { input: number; candidates: number; reasoning: number }): CanonicalChunk[] {
  const chunks: CanonicalChunk[] = [];
  items.forEach((entry, index) => {
    const id = `b${index}`;
    const providerMetadata = entry.signature === undefined ? undefined : { gemini: { thoughtSignature: entry.signature } };
    if (entry.kind === 'tool') {
      const input = JSON.stringify(entry.args);
      chunks.push({ type: 'tool-input-start', id, toolName: entry.name }, { type: 'tool-input-delta', id, delta: input }, { type: 'tool-input-end', id });
      chunks.push({ type: 'tool-call', toolCallId: id, toolName: entry.name, input, ...(providerMetadata === undefined ? {} : { providerMetadata }) });
      return;
    }
    const prefix = entry.kind;
    chunks.push({ type: `${prefix}-start`, id });
    for (const delta of entry.pieces) chunks.push({ type: `${prefix}-delta`, id, delta });
    chunks.push({ type: `${prefix}-end`, id, ...(providerMetadata === undefined ? {} : { providerMetadata }) });
  });
  chunks.push({
    type: 'finish',
    finishReason: { unified, raw: undefined },
    usage: { inputTokens: counts.input, outputTokens: counts.candidates + counts.reasoning, reasoningTokens: counts.reasoning, totalTokens: counts.input + counts.candidates + counts.reasoning },
  });
  return chunks;
}

async function roundTrip(chunks: CanonicalChunk[]): Promise<CanonicalChunk[]> {
  const wire = await lastValueFrom(from(chunks).pipe(canonicalToGeminiEvents({ model: 'gemini-test', responseId: 'r1' }), map(serializeSse), toArray()));
  expect(wire.every((frame) => frame.startsWith('data: '))).toBe(true);
  return lastValueFrom(of(wire.join('')).pipe(parseSse(), geminiEventsToCanonical({ generateId: sequentialIds() }), toArray()));
}

const joined = (chunks: CanonicalChunk[], type: 'text-delta' | 'reasoning-delta'): string =>
  chunks.map((chunk) => (chunk.type === type ? chunk.delta : '')).join('');

describe('canonicalToGeminiEvents → geminiEventsToCanonical', () => {
  it('should preserve text, reasoning, tool calls, signatures, finish and usage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 6 }), finish, usage, async (items, unified, counts) => {
        const original = toChunks(items, unified, counts);
        const decoded = await roundTrip(original);
        assertChunkContract(decoded, { requireTerminal: true });
        expect(joined(decoded, 'text-delta')).toBe(joined(original, 'text-delta'));
        expect(joined(decoded, 'reasoning-delta')).toBe(joined(original, 'reasoning-delta'));
        const calls = (list: CanonicalChunk[]) =>
          list.flatMap((chunk) => (chunk.type === 'tool-call' ? [{ id: chunk.toolCallId, name: chunk.toolName, args: JSON.stringify(JSON.parse(chunk.input)), signature: chunk.providerMetadata?.gemini?.thoughtSignature }] : []));
        expect(calls(decoded)).toEqual(calls(original));
        const hasTools = items.some((entry) => entry.kind === 'tool');
        const last = decoded[decoded.length - 1];
        if (last.type !== 'finish') throw new Error('expected finish');
        const expected = unified === 'stop' || unified === 'tool-calls' ? (hasTools ? 'tool-calls' : 'stop') : unified;
        expect(last.finishReason.unified).toBe(expected);
        expect(last.usage).toMatchObject({
          inputTokens: counts.input,
          outputTokens: counts.candidates + counts.reasoning,
          totalTokens: counts.input + counts.candidates + counts.reasoning,
        });
        const signatures = (list: CanonicalChunk[]) =>
          list.flatMap((chunk) => ((chunk.type === 'text-end' || chunk.type === 'reasoning-end') && chunk.providerMetadata?.gemini?.thoughtSignature !== undefined ? [chunk.providerMetadata.gemini.thoughtSignature] : []));
        // blocks of one kind that follow each other merge on Gemini's wire; signatures must all survive somewhere
        const finishSignature = last.providerMetadata?.gemini?.thoughtSignature;
        const decodedSignatures = [...signatures(decoded), ...(finishSignature === undefined ? [] : [finishSignature])];
        for (const expectedSignature of signatures(original)) expect(decodedSignatures).toContain(expectedSignature);
      }),
      { numRuns },
    );
  });
});
