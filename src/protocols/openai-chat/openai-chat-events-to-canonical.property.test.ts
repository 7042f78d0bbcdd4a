import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { readFixture, readFixtureLines } from '../../../test/fixtures/read-fixture.js';
import { cutPoints, numRuns, splitAt } from '../../../test/split-bytes.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import { reduceChunkArray } from '../../streams/reduce-chunks.js';
import { openaiChatEventsToCanonical } from './openai-chat-events-to-canonical.js';

const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/openai-chat');
const streamFixtures = readdirSync(fixtureDir).filter((name) => name.endsWith('.sse') || name.endsWith('.chunks.txt'));

function fixtureBody(name: string): string {
  if (name.endsWith('.sse')) return readFixture(`openai-chat/${name}`);
  return readFixtureLines(`openai-chat/${name}`).map((line) => `data: ${line}\n\n`).join('') + 'data: [DONE]\n\n';
}

async function decodePieces(pieces: readonly (Uint8Array | string)[]): Promise<CanonicalChunk[]> {
  return lastValueFrom(from(pieces).pipe(parseSse(), openaiChatEventsToCanonical(), toArray()));
}

/** Everything that must not depend on where the bytes were split (delta boundaries may). */
const reduced = (chunks: CanonicalChunk[]) => reduceChunkArray(chunks);

describe('openaiChatEventsToCanonical (properties)', () => {
  it.each(streamFixtures)('should give the same response for %s however its bytes are split', async (name) => {
    const bytes = new TextEncoder().encode(fixtureBody(name));
    const expected = reduced(await decodePieces([bytes]));
    await fc.assert(
      fc.asyncProperty(cutPoints, async (cuts) => {
        const chunks = await decodePieces(splitAt(bytes, cuts));
        assertChunkContract(chunks, { requireTerminal: true });
        expect(reduced(chunks)).toEqual(expected);
      }),
      { numRuns },
    );
  });

  it('should join tool-call argument fragments the same way however the upstream split them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.string({ maxLength: 5 }), value: fc.string({ maxLength: 12 }) }), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (entries, cuts) => {
          const args = JSON.stringify(Object.fromEntries(entries.map(({ key, value }) => [key, value])));
          const points = [...new Set(cuts.map((cut) => cut % (args.length + 1)))].sort((a, b) => a - b);
          const fragments = [0, ...points].map((start, index, all) => args.slice(start, all[index + 1] ?? args.length));
          const payloads = [
            { id: 'r', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] } }] },
            ...fragments.map((fragment) => ({ id: 'r', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: '', function: { arguments: fragment } }] } }] })),
            { id: 'r', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
          ];
          const chunks = await decodePieces([payloads.map((payload) => `data: ${JSON.stringify(payload)}\n\n`).join('')]);
          assertChunkContract(chunks, { requireTerminal: true });
          const calls = chunks.filter((chunk) => chunk.type === 'tool-call');
          expect(calls).toEqual([{ type: 'tool-call', toolCallId: 'c', toolName: 'f', input: args }]);
        },
      ),
      { numRuns },
    );
  });
});
