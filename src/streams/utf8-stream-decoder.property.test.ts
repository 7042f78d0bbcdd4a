import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutPoints, numRuns, splitAt } from '../../test/split-bytes.js';
import { createUtf8StreamDecoder } from './utf8-stream-decoder.js';

/** Bytes that are mostly ASCII, with UTF-8 characters, byte-order marks and invalid bytes among them. */
const bytes = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }).map((text) => [...new TextEncoder().encode(text)]) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }).map((text) => [...new TextEncoder().encode(text)]) },
      { weight: 1, arbitrary: fc.constant([0xef, 0xbb, 0xbf]) },
      { weight: 1, arbitrary: fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 3 }) },
    ),
    { maxLength: 12 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

/** `TextDecoder` with `stream: true`, piece by piece: the reference. */
function reference(pieces: readonly Uint8Array[]): string[] {
  const decoder = new TextDecoder('utf-8');
  return [...pieces.map((piece) => decoder.decode(piece, { stream: true })), decoder.decode()];
}

describe('createUtf8StreamDecoder (property)', () => {
  it("should give TextDecoder's piece for every chunk, however the bytes are split", () => {
    fc.assert(
      fc.property(bytes, cutPoints, (all, cuts) => {
        const pieces = splitAt(all, cuts);
        const utf8 = createUtf8StreamDecoder();
        expect([...pieces.map((piece) => utf8.decode(piece)), utf8.end()]).toEqual(reference(pieces));
      }),
      { numRuns },
    );
  });

  it('should keep a byte-order mark after ASCII and drop one that starts the stream, as TextDecoder does', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const afterAscii = [Uint8Array.from([0x61]), Uint8Array.from([...bom, 0x62])];
    const first = [Uint8Array.from([...bom, 0x61]), Uint8Array.from([0x62])];
    for (const pieces of [afterAscii, first]) {
      const utf8 = createUtf8StreamDecoder();
      expect([...pieces.map((piece) => utf8.decode(piece)), utf8.end()]).toEqual(reference(pieces));
    }
    const utf8 = createUtf8StreamDecoder();
    expect(afterAscii.map((piece) => utf8.decode(piece)).join('')).toBe('a\ufeffb');
  });
});
