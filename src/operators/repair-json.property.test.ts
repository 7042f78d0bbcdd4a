import fc from 'fast-check';
import { from } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import { cutPoints, numRuns } from '../../test/split-bytes.js';
import { repairJson } from './repair-json.js';

const finish: CanonicalChunk = { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: {} };

function splitText(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  pieces.push(text.slice(start));
  return pieces.filter((piece) => piece !== '');
}

function toolStream(input: string, cuts: readonly number[]): CanonicalChunk[] {
  return [
    { type: 'tool-input-start', id: 'c', toolName: 'write' },
    ...splitText(input, cuts).map((delta): CanonicalChunk => ({ type: 'tool-input-delta', id: 'c', delta })),
    { type: 'tool-input-end', id: 'c' },
    { type: 'tool-call', toolCallId: 'c', toolName: 'write', input },
    finish,
  ];
}

function run(chunks: readonly CanonicalChunk[]): CanonicalChunk[] {
  const output: CanonicalChunk[] = [];
  from(chunks).pipe(repairJson()).subscribe((chunk) => output.push(chunk));
  assertChunkContract(output, { requireTerminal: true });
  return output;
}

/** The streamed arguments and the tool-call input, which must agree. */
function argumentsOf(chunks: readonly CanonicalChunk[]): { streamed: string; input: string | undefined } {
  const streamed = chunks.map((chunk) => (chunk.type === 'tool-input-delta' ? chunk.delta : '')).join('');
  const call = chunks.find((chunk) => chunk.type === 'tool-call');
  return { streamed, input: call?.type === 'tool-call' ? call.input : undefined };
}

const objects = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 5 });

/**
 * For the broken-JSON properties, strings avoid brackets and quotes: jsonrepair's heuristics for
 * unescaped quotes misread strings like `"["` next to a bracket it has to add (a library limit,
 * pinned in repair-json.test.ts), which random strings would hit constantly.
 */
const safeString = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '0', ' ', '_', '-', 'é', '\\', '\n'), maxLength: 6 });
const safeObjects = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    safeString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    tie('object'),
  ),
  object: fc.dictionary(safeString, tie('value'), { maxKeys: 4 }),
})).object.filter((value) => Object.keys(value).length > 0);

describe('repairJson (properties)', () => {
  it('should pass generated valid JSON through unchanged, however it was split', () => {
    fc.assert(
      fc.property(objects, cutPoints, (value, cuts) => {
        const chunks = toolStream(JSON.stringify(value), cuts);
        expect(run(chunks)).toEqual(chunks);
      }),
      { numRuns },
    );
  });

  it('should make JSON that lost its closing brackets parse again, with the same value', () => {
    fc.assert(
      fc.property(safeObjects, cutPoints, (value, cuts) => {
        const broken = JSON.stringify(value).replace(/[}\]]+$/, '');
        const { streamed, input } = argumentsOf(run(toolStream(broken, cuts)));
        expect(streamed).toBe(input);
        expect(JSON.parse(streamed)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns },
    );
  });

  it('should make JSON with trailing commas parse again, with the same value', () => {
    fc.assert(
      fc.property(safeObjects, cutPoints, (value, cuts) => {
        const broken = `${JSON.stringify(value).slice(0, -1)},}`;
        const { streamed, input } = argumentsOf(run(toolStream(broken, cuts)));
        expect(streamed).toBe(input);
        expect(JSON.parse(streamed)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns },
    );
  });
});
