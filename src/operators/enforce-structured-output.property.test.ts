import fc from 'fast-check';
import { from } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import { cutPoints, numRuns } from '../../test/split-bytes.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import type { CanonicalResponseFormat } from '../streams/canonical-request.js';
import { enforceStructuredOutput } from './enforce-structured-output.js';

const stop: CanonicalChunk = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} };

/** Strings without quotes or brackets: jsonrepair's quote heuristics are not what is tested here. */
const safeString = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '0', ' ', '_', '-', 'é', ':'), maxLength: 8 });
const records = fc.record({
  name: safeString,
  count: fc.integer(),
  ok: fc.boolean(),
  tags: fc.array(safeString, { maxLength: 3 }),
  nested: fc.record({ score: fc.integer({ min: -1000, max: 1000 }), label: safeString }),
});
const format: CanonicalResponseFormat = {
  type: 'json_schema',
  name: 'record',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      count: { type: 'integer' },
      ok: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      nested: { type: 'object', properties: { score: { type: 'integer' }, label: { type: 'string' } }, required: ['score', 'label'] },
    },
    required: ['name', 'count', 'ok', 'tags', 'nested'],
    additionalProperties: false,
  },
};

function split(text: string, cuts: readonly number[]): string[] {
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

function run(text: string, cuts: readonly number[]): CanonicalChunk[] {
  const chunks: CanonicalChunk[] = [
    { type: 'text-start', id: 't' },
    ...split(text, cuts).map((delta): CanonicalChunk => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    stop,
  ];
  const output: CanonicalChunk[] = [];
  from(chunks).pipe(enforceStructuredOutput({ format })).subscribe((chunk) => output.push(chunk));
  assertChunkContract(output, { requireTerminal: true });
  // Deltas always pass through unchanged.
  expect(output.filter((chunk) => chunk.type === 'text-delta')).toEqual(chunks.filter((chunk) => chunk.type === 'text-delta'));
  return output;
}

/** The final text a client is given: the repaired text when there is one, else the deltas. */
function finalText(output: readonly CanonicalChunk[]): string {
  const end = output.find((chunk) => chunk.type === 'text-end');
  const repaired = end?.type === 'text-end' ? end.providerMetadata?.structuredOutput?.repairedText : undefined;
  return typeof repaired === 'string' ? repaired : output.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');
}

const breakages: Readonly<Record<string, (json: string) => string>> = {
  'trailing commas': (json) => json.replace(/([}\]])/g, ',$1').replace(/\[,\]/g, '[]'),
  'missing closing brackets': (json) => json.replace(/[}\]]+$/, ''),
  'single quotes': (json) => json.replaceAll('"', "'"),
};

describe('enforceStructuredOutput (properties)', () => {
  it('should leave generated valid output untouched, however it was split', () => {
    fc.assert(
      fc.property(records, cutPoints, (value, cuts) => {
        const output = run(JSON.stringify(value), cuts);
        expect(output.at(-1)).toEqual(stop);
        expect(output.find((chunk) => chunk.type === 'text-end')).toEqual({ type: 'text-end', id: 't' });
      }),
      { numRuns },
    );
  });

  for (const [name, breakJson] of Object.entries(breakages)) {
    it(`should repair generated objects broken by ${name} into the same, schema-valid value`, () => {
      fc.assert(
        fc.property(records, cutPoints, (value, cuts) => {
          const output = run(breakJson(JSON.stringify(value)), cuts);
          expect(output.at(-1)).toEqual(stop);
          expect(JSON.parse(finalText(output))).toEqual(value);
        }),
        { numRuns },
      );
    });
  }

  it('should end unrepairable prose with an error finish, never as success', () => {
    const prose = fc.array(fc.constantFrom('Sorry', 'the', 'weather', 'is', 'nice', 'today', 'I', 'cannot'), { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(prose, cutPoints, (text, cuts) => {
        const finish = run(text, cuts).at(-1);
        expect(finish?.type === 'finish' && finish.finishReason).toEqual({ unified: 'error', raw: 'structured_output_invalid' });
      }),
      { numRuns },
    );
  });
});
