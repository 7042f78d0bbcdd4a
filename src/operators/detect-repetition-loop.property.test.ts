import fc from 'fast-check';
import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import { cutPoints, numRuns } from '../../test/split-bytes.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { detectRepetitionLoop } from './detect-repetition-loop.js';
import { defaultLoopDetectionSettings } from './loop-detection/loop-detection-settings.js';

const words = ['proxy', 'stream', 'model', 'token', 'backend', 'client', 'session', 'request', 'answer', 'fixture'];

/** Prose that never repeats: every sentence carries its own counter. */
const prose = fc
  .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words), fc.nat(1000)), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.map(([a, b, n], index) => `The ${a} ${index} met the ${b} number ${n * 41 + index}. `).join(''));

/** A prose prefix followed by a unit repeated often enough to be a loop. */
const looping = fc
  .tuple(prose, fc.constantFrom('Loading... ', 'I will now read the file. Let me read the file. ', `${'Wait, this is the same long thought again and again and again. '.repeat(2)}`), fc.integer({ min: 30, max: 60 }))
  .map(([prefix, unit, count]) => prefix + unit.repeat(count));

function splitText(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  pieces.push(text.slice(start));
  return pieces.filter((piece) => piece.length > 0);
}

async function run(text: string, cuts: readonly number[]): Promise<{ chunks: CanonicalChunk[]; subscriptions: number; teardowns: number }> {
  let subscriptions = 0;
  let teardowns = 0;
  const source: CanonicalChunk[] = [
    { type: 'text-start', id: 't' },
    ...splitText(text, cuts).map((delta): CanonicalChunk => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'usage', usage: { outputTokens: 7 } },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { outputTokens: 7 } },
  ];
  const counted = from(source).pipe(tap({ subscribe: () => (subscriptions += 1), finalize: () => (teardowns += 1) }));
  const chunks = await lastValueFrom(counted.pipe(detectRepetitionLoop({ settings: defaultLoopDetectionSettings }), toArray()));
  return { chunks, subscriptions, teardowns };
}

function outcome(chunks: readonly CanonicalChunk[]): { text: string; finish: string | undefined } {
  const last = chunks[chunks.length - 1];
  return {
    text: chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join(''),
    finish: last.type === 'finish' ? last.finishReason.raw : undefined,
  };
}

describe('detectRepetitionLoop (properties)', () => {
  it('should detect a loop, with the same visible text and notice, however the text is split', async () => {
    await fc.assert(
      fc.asyncProperty(looping, cutPoints, async (text, cuts) => {
        const whole = outcome((await run(text, [])).chunks);
        const split = outcome((await run(text, cuts)).chunks);
        expect(whole.finish).toBe('loop_detected');
        expect(split).toEqual(whole);
        expect(split.text).toMatch(/\n\n\[Response cancelled: Loop detected - Pattern '.{1,30}\.\.\.' repeated \d+ times\]$/s);
      }),
      { numRuns },
    );
  });

  it('should pass non-looping text through untouched however it is split', async () => {
    await fc.assert(
      fc.asyncProperty(prose, cutPoints, async (text, cuts) => {
        const { text: visible, finish } = outcome((await run(text, cuts)).chunks);
        expect(finish).toBe('stop');
        expect(visible).toBe(text);
      }),
      { numRuns },
    );
  });

  it('should keep the chunk contract and tear down every subscription', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(looping, prose), cutPoints, async (text, cuts) => {
        const { chunks, subscriptions, teardowns } = await run(text, cuts);
        assertChunkContract(chunks, { requireTerminal: true });
        expect(chunks[chunks.length - 1].type).toBe('finish');
        expect(teardowns).toBe(subscriptions);
      }),
      { numRuns },
    );
  });
});
