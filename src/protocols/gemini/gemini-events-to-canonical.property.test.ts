import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { cutPoints, numRuns, splitAt } from '../../../test/split-bytes.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { decodeGeminiSse, frameGeminiSse, geminiFixtureNames, readGeminiExchanges } from './gemini-fixture-replay.js';

const streamFixtures = geminiFixtureNames().flatMap((name) =>
  readGeminiExchanges(name)
    .filter((exchange) => exchange.statusCode < 400 && (name.endsWith('.chunks.txt') || exchange.requestBody !== undefined))
    .map((exchange, index) => ({ label: `${name}#${index}`, bytes: new TextEncoder().encode(frameGeminiSse(exchange.events)) })),
);

/** Deltas may be cut differently; their concatenation per block is what must not change. */
function normalise(chunks: CanonicalChunk[]): unknown[] {
  const merged: CanonicalChunk[] = [];
  for (const chunk of chunks) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta' || chunk.type === 'tool-input-delta') && last.type === chunk.type && last.id === chunk.id) {
      merged[merged.length - 1] = { ...chunk, delta: last.delta + chunk.delta };
    } else merged.push(chunk);
  }
  return merged;
}

describe('geminiEventsToCanonical', () => {
  it.each(streamFixtures)('should decode $label the same however the bytes are split', async ({ bytes }) => {
    const whole = normalise(await decodeGeminiSse([bytes]));
    await fc.assert(
      fc.asyncProperty(cutPoints, async (cuts) => {
        const chunks = await decodeGeminiSse(splitAt(bytes, cuts));
        assertChunkContract(chunks, { requireTerminal: true });
        expect(normalise(chunks)).toEqual(whole);
      }),
      { numRuns },
    );
  });
});
