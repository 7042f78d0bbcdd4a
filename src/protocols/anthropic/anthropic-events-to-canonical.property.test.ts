import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readFixture, readFixtureLines } from '../../../test/fixtures/read-fixture.js';
import { cutPoints, numRuns, splitAt } from '../../../test/split-bytes.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import { anthropicEventsToCanonical } from './anthropic-events-to-canonical.js';

function fixtureSse(name: string): string {
  if (!name.endsWith('.chunks.txt')) return readFixture(`anthropic/${name}`);
  return readFixtureLines(`anthropic/${name}`)
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join('');
}

function decode(pieces: readonly Uint8Array[]): Promise<CanonicalChunk[]> {
  return lastValueFrom(from(pieces).pipe(parseSse(), anthropicEventsToCanonical(), toArray()));
}

/** Joins adjacent deltas of one block, so results compare whatever the delta boundaries. */
function normalise(chunks: CanonicalChunk[]): CanonicalChunk[] {
  const out: CanonicalChunk[] = [];
  for (const chunk of chunks) {
    const last = out[out.length - 1];
    if (
      last !== undefined &&
      (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta' || chunk.type === 'tool-input-delta') &&
      last.type === chunk.type &&
      last.id === chunk.id
    ) {
      out[out.length - 1] = { ...last, delta: last.delta + chunk.delta };
    } else out.push(chunk);
  }
  return out;
}

const fixtures = [
  'anthropic-clear-thinking.1.chunks.txt',
  'anthropic-json-tool.1.chunks.txt',
  'anthropic-tool-no-args.chunks.txt',
  'anthropic-web-search-tool.1.chunks.txt',
  'incomplete_partial_json_response.txt',
  'spliced-message-start.chunks.txt',
  'stream-a-refusal.sse',
  'tool_use_response.txt',
];

describe('anthropicEventsToCanonical', () => {
  it.each(fixtures)('should decode %s the same wherever the bytes are split', async (name) => {
    const bytes = new TextEncoder().encode(fixtureSse(name));
    const whole = normalise(await decode([bytes]));
    await fc.assert(
      fc.asyncProperty(cutPoints, async (cuts) => {
        expect(normalise(await decode(splitAt(bytes, cuts)))).toEqual(whole);
      }),
      { numRuns },
    );
  });
});
