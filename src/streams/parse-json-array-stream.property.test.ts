import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { cutPoints, numRuns, splitAt } from '../../test/split-bytes.js';
import { parseJsonArrayStream } from './parse-json-array-stream.js';
import { createJsonArrayWriter } from './serialize-json-array-stream.js';

/** Strings full of the characters a naive scanner trips on, plus arbitrary code points. */
const trickyString = fc.oneof(
  fc.string({ unit: fc.constantFrom(']', '}', '[', '{', '"', '\\', ',', '÷', '😀', 'é', ' ', '\n'), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

const anyJson = (maxDepth: number): fc.Arbitrary<unknown> => fc.jsonValue({ stringUnit: 'binary', maxDepth });

const element = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(trickyString, anyJson(3), { maxKeys: 4 }) },
  {
    weight: 2,
    arbitrary: fc.record({ text: trickyString, nested: fc.array(fc.record({ s: trickyString }), { maxLength: 2 }) }),
  },
  { weight: 1, arbitrary: anyJson(2) },
);

const whitespace = fc.constantFrom('', ' ', '\r\n', '\n  ', '\t');

function parseAll(pieces: readonly (string | Uint8Array)[]): Promise<string[]> {
  return lastValueFrom(from(pieces).pipe(parseJsonArrayStream(), toArray())).then((events) =>
    events.map((event) => event.data),
  );
}

describe('parseJsonArrayStream (property)', () => {
  it('should emit every element whole wherever the bytes are split', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(element, { maxLength: 6 }), whitespace, cutPoints, async (values, space, cuts) => {
        const writer = createJsonArrayWriter();
        const texts = values.map((value) => JSON.stringify(value));
        const elements = texts.map((text) => writer.element(space + text + space)).join('');
        const body = space + writer.start() + elements + writer.end() + space;
        expect(await parseAll(splitAt(new TextEncoder().encode(body), cuts))).toEqual(texts);
      }),
      { numRuns },
    );
  });

  it('should emit the same elements from string chunks split anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(element, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 20 }), async (values, cuts) => {
        const texts = values.map((value) => JSON.stringify(value));
        const body = `[${texts.join(',\r\n')}]`;
        const points = [...new Set(cuts.map((cut) => cut % (body.length + 1)))].sort((a, b) => a - b);
        const ends = [...points, body.length];
        const pieces = [0, ...points].map((start, index) => body.slice(start, ends[index]));
        const parsed = (await parseAll(pieces)).map((data) => JSON.parse(data) as unknown);
        expect(parsed).toEqual(texts.map((text) => JSON.parse(text) as unknown));
      }),
      { numRuns },
    );
  });
});
