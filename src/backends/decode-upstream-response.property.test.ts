import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/fixtures/read-fixture.js';
import { cutPoints, numRuns, splitAt } from '../../test/split-bytes.js';
import { anthropicEventsToCanonical, decodeAnthropicBody } from '../protocols/anthropic/index.js';
import { decodeOpenAIChatBody, openaiChatEventsToCanonical } from '../protocols/openai-chat/index.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { decodeUpstreamResponse, type UpstreamDecoders } from './decode-upstream-response.js';

const openai = { backend: 'openai', events: () => openaiChatEventsToCanonical(), body: decodeOpenAIChatBody };
const anthropic = { backend: 'anthropic', events: () => anthropicEventsToCanonical(), body: decodeAnthropicBody };

/** Recorded upstream answers (the Anthropic one has non-ASCII text, which cuts can split), with the decoders that read them. */
const answers = [
  { file: 'openai-chat/openai-node-stream-works.sse', contentType: 'text/event-stream', decoders: openai },
  { file: 'anthropic/stream-a-refusal.sse', contentType: 'text/event-stream; charset=utf-8', decoders: anthropic },
  { file: 'openai-chat/openai-text.json', contentType: 'application/json', decoders: openai },
].map((answer) => ({ ...answer, text: readFixture(answer.file) }));

async function decode(pieces: readonly Uint8Array[], contentType: string, decoders: Omit<UpstreamDecoders, 'emitRawFrames'>, emitRawFrames: boolean): Promise<CanonicalChunk[]> {
  return lastValueFrom(decodeUpstreamResponse({ statusCode: 200, contentType, body: from(pieces) }, { ...decoders, emitRawFrames }).pipe(toArray()));
}

describe('decodeUpstreamResponse (property)', () => {
  it('should emit the upstream text as raw reads that join to exactly what was sent, and decode the same chunks as without them, however the bytes were split', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...answers), cutPoints, async (answer, cuts) => {
        const pieces = splitAt(new TextEncoder().encode(answer.text), cuts);
        const withRaw = await decode(pieces, answer.contentType, answer.decoders, true);
        const raw = withRaw.flatMap((chunk) => (chunk.type === 'raw' ? [chunk.rawValue] : []));
        expect(raw.every((value) => typeof value === 'string' && value.length > 0)).toBe(true);
        expect(raw.join('')).toBe(answer.text);
        expect(raw.length).toBeLessThanOrEqual(pieces.length);
        const decoded = withRaw.filter((chunk) => chunk.type !== 'raw');
        expect(decoded).toEqual(await decode([new TextEncoder().encode(answer.text)], answer.contentType, answer.decoders, false));
      }),
      { numRuns },
    );
  });
});
