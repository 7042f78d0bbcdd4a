import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { cutPoints, numRuns, splitAt } from '../../test/split-bytes.js';
import { parseSse } from './parse-sse.js';
import { serializeSse, serializeSseComment } from './serialize-sse.js';
import type { SseEvent } from './sse-event.js';

/**
 * One line of field text as the parser gives it back: no CR/LF, and no trailing whitespace
 * (the parser trims it, because Anthropic pads its data lines).
 */
const lineText = fc.string({ unit: 'binary', maxLength: 30 }).map((text) => text.replace(/[\r\n]/g, '').trimEnd());

const eventArbitrary: fc.Arbitrary<SseEvent> = fc.record(
  {
    event: lineText,
    data: fc.array(lineText, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n')),
    id: lineText,
  },
  { requiredKeys: ['data'] },
);

const frameArbitrary = fc.oneof(
  { weight: 5, arbitrary: eventArbitrary.map((event) => ({ event })) },
  { weight: 1, arbitrary: lineText.map((comment) => ({ comment })) },
);

const lineEnding = fc.constantFrom('\n', '\r\n', '\r');

describe('parseSse (property)', () => {
  it('should give the same events whatever the line endings and byte splits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frameArbitrary, { maxLength: 8 }), lineEnding, cutPoints, async (frames, ending, cuts) => {
        const text = frames
          .map((frame) => ('event' in frame ? serializeSse(frame.event) : serializeSseComment(frame.comment)))
          .join('')
          .replace(/\n/g, ending);
        const pieces = splitAt(new TextEncoder().encode(text), cuts);
        const events = await lastValueFrom(from(pieces).pipe(parseSse(), toArray()));
        const expected = frames.flatMap((frame) => ('event' in frame ? [frame.event] : []));
        expect(events).toEqual(expected);
      }),
      { numRuns },
    );
  });
});
