import fc from 'fast-check';
import { defer, finalize, from, take, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import { numRuns } from '../../test/split-bytes.js';
import { recoverEmptyResponse } from './recover-empty-response.js';

type Block = { readonly kind: 'text' | 'reasoning'; readonly deltas: readonly string[] } | { readonly kind: 'call' };

const blockArbitrary: fc.Arbitrary<Block> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('text' as const, 'reasoning' as const),
    deltas: fc.array(fc.constantFrom('', ' ', '\n', 'a', 'b c'), { maxLength: 4 }),
  }),
  fc.constant({ kind: 'call' as const }),
);

const blocksArbitrary = fc.array(blockArbitrary, { maxLength: 4 });

function toChunks(blocks: readonly Block[], prefix: string): CanonicalChunk[] {
  const chunks: CanonicalChunk[] = [{ type: 'stream-start', warnings: [] }];
  blocks.forEach((block, index) => {
    const id = `${prefix}${index}`;
    if (block.kind === 'call') {
      chunks.push({ type: 'tool-call', toolCallId: id, toolName: 'f', input: '{}' });
      return;
    }
    chunks.push({ type: `${block.kind}-start`, id });
    for (const delta of block.deltas) chunks.push({ type: `${block.kind}-delta`, id, delta });
    chunks.push({ type: `${block.kind}-end`, id });
  });
  chunks.push({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} });
  return chunks;
}

const hasContent = (blocks: readonly Block[], countReasoning: boolean): boolean =>
  blocks.some(
    (block) =>
      block.kind === 'call' ||
      ((block.kind === 'text' || countReasoning) && block.deltas.some((delta) => /\S/.test(delta))),
  );

interface Counter {
  subscriptions: number;
  teardowns: number;
}

function counted(chunks: readonly CanonicalChunk[], counter: Counter): Observable<CanonicalChunk> {
  return defer(() => {
    counter.subscriptions += 1;
    return from(chunks);
  }).pipe(finalize(() => (counter.teardowns += 1)));
}

describe('recoverEmptyResponse (properties)', () => {
  it('should give the source when it has content, else the retry once, keeping the chunk contract', () => {
    fc.assert(
      fc.property(blocksArbitrary, blocksArbitrary, fc.boolean(), (first, second, countReasoning) => {
        const source = toChunks(first, 'a');
        const retry = toChunks(second, 'b');
        let retries = 0;
        const output: CanonicalChunk[] = [];
        from(source)
          .pipe(
            recoverEmptyResponse({
              retry: () => from(retry),
              countReasoningAsContent: countReasoning,
              onRetry: () => (retries += 1),
            }),
          )
          .subscribe((chunk) => output.push(chunk));
        const empty = !hasContent(first, countReasoning);
        expect(output).toEqual(empty ? retry : source);
        expect(retries).toBe(empty ? 1 : 0);
        assertChunkContract(output, { requireTerminal: true });
      }),
      { numRuns },
    );
  });

  it('should tear down every subscription to the source and the retry, also when the consumer stops early', () => {
    fc.assert(
      fc.property(blocksArbitrary, blocksArbitrary, fc.nat({ max: 10 }), (first, second, limit) => {
        const counter = { subscriptions: 0, teardowns: 0 };
        counted(toChunks(first, 'a'), counter)
          .pipe(recoverEmptyResponse({ retry: () => counted(toChunks(second, 'b'), counter) }), take(limit + 1))
          .subscribe();
        expect(counter.teardowns).toBe(counter.subscriptions);
        expect(counter.subscriptions).toBeGreaterThanOrEqual(1);
      }),
      { numRuns },
    );
  });
});
