import fc from 'fast-check';
import { from, lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import { numRuns } from '../../test/split-bytes.js';
import type { CanonicalChunk } from './canonical-chunk.js';
import type { AssistantContentPart } from './canonical-request.js';
import { reduceChunkArray, reduceChunks } from './reduce-chunks.js';

type Block = { kind: 'text' | 'reasoning' | 'tool'; text: string };

const blockArbitrary: fc.Arbitrary<Block> = fc.record({
  kind: fc.constantFrom('text', 'reasoning', 'tool'),
  text: fc.string({ unit: 'binary', maxLength: 40 }),
});

/** Cuts `text` into pieces at the given code-unit offsets (even inside a surrogate pair). */
function splitText(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function toChunks(blocks: readonly Block[], cuts: readonly (readonly number[])[]): CanonicalChunk[] {
  const chunks: CanonicalChunk[] = [{ type: 'response-metadata', id: 'resp', modelId: 'm' }];
  blocks.forEach((block, index) => {
    const id = `b${index}`;
    const pieces = splitText(block.text, cuts[index] ?? []);
    if (block.kind === 'tool') {
      chunks.push({ type: 'tool-input-start', id, toolName: 'tool' });
      for (const delta of pieces) chunks.push({ type: 'tool-input-delta', id, delta });
      chunks.push({ type: 'tool-input-end', id });
      chunks.push({ type: 'tool-call', toolCallId: id, toolName: 'tool', input: block.text });
      return;
    }
    const kind = block.kind;
    chunks.push({ type: `${kind}-start`, id });
    for (const delta of pieces) chunks.push({ type: `${kind}-delta`, id, delta });
    chunks.push({ type: `${kind}-end`, id });
  });
  chunks.push({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { outputTokens: 1 } });
  return chunks;
}

function expectedContent(blocks: readonly Block[]): AssistantContentPart[] {
  return blocks.map((block, index) =>
    block.kind === 'tool'
      ? { type: 'tool-call', toolCallId: `b${index}`, toolName: 'tool', input: block.text }
      : { type: block.kind, text: block.text },
  );
}

describe('reduceChunks (property)', () => {
  it('should give the same response however the deltas are split', async () => {
    const input = fc
      .array(blockArbitrary, { maxLength: 6 })
      .chain((blocks) => {
        const cutsPerBlock = fc.array(fc.array(fc.nat(), { maxLength: 10 }), {
          minLength: blocks.length,
          maxLength: blocks.length,
        });
        return fc.tuple(fc.constant(blocks), cutsPerBlock);
      });
    await fc.assert(
      fc.asyncProperty(input, async ([blocks, cuts]) => {
        const whole = toChunks(blocks, []);
        const split = toChunks(blocks, cuts);
        assertChunkContract(split, { requireTerminal: true });
        const fromStream = await lastValueFrom(from(split).pipe(reduceChunks()));
        expect(fromStream).toEqual(reduceChunkArray(whole));
        expect(fromStream.content).toEqual(expectedContent(blocks));
      }),
      { numRuns },
    );
  });
});
