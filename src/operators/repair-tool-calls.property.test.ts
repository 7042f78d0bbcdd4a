import fc from 'fast-check';
import { from, Observable, take } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import { cutPoints, numRuns } from '../../test/split-bytes.js';
import { repairToolCalls } from './repair-tool-calls.js';

const allowedTools = ['f', 'patch_file'];
const finish: CanonicalChunk = { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' }, usage: {} };

/** Splits text at character offsets (possibly inside a surrogate pair, like a real stream may). */
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

function streamOf(deltas: readonly string[]): CanonicalChunk[] {
  return [
    { type: 'text-start', id: 't' },
    ...deltas.map((delta): CanonicalChunk => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    finish,
  ];
}

function run(chunks: readonly CanonicalChunk[]): CanonicalChunk[] {
  let next = 0;
  const output: CanonicalChunk[] = [];
  from(chunks)
    .pipe(repairToolCalls({ allowedTools, generateId: (prefix) => `${prefix}${++next}` }))
    .subscribe((chunk) => output.push(chunk));
  return output;
}

/** Merges adjacent text deltas of the same block: the form that must not depend on splitting. */
function normalise(chunks: readonly CanonicalChunk[]): CanonicalChunk[] {
  return chunks.reduce<CanonicalChunk[]>((merged, chunk) => {
    const last = merged[merged.length - 1];
    if (chunk.type === 'text-delta' && last?.type === 'text-delta' && last.id === chunk.id) {
      merged[merged.length - 1] = { ...last, delta: last.delta + chunk.delta };
    } else {
      merged.push(chunk);
    }
    return merged;
  }, []);
}

const textOf = (chunks: readonly CanonicalChunk[]): string =>
  chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');

/** Prose over characters that matter to the scanner, including every trigger. */
const triggerProse = fc.string({
  unit: fc.constantFrom('a', 'x', 't', 'T', 'f', 'F', ' ', '\n', '{', '}', '<', '>', '`', '"', ':', 'é', '😀'),
  maxLength: 60,
});
/** Prose that cannot open a candidate span, so an embedded call is never swallowed. */
const plainProse = fc.string({ unit: fc.constantFrom('a', 'b', 'T', 'f', ' ', '\n', '}', '>', '"', ':', '.', 'é'), maxLength: 40 });

const embeddedCall = fc.oneof(
  fc.constant({ text: '{"name": "f", "arguments": {"a": "{x}"}}', toolName: 'f', input: '{"a":"{x}"}' }),
  fc.constant({ text: '```json\n{"tool": {"name": "f", "arguments": {}}}\n```', toolName: 'f', input: '{}' }),
  fc.constant({ text: '<tool_call>{"name": "f", "arguments": {"b": 2}}</tool_call>', toolName: 'f', input: '{"b":2}' }),
  fc.constant({
    text: '<patch_file><path>a.py</path><patch_content>x = "<y>"</patch_content></patch_file>',
    toolName: 'patch_file',
    input: '{"path":"a.py","patch_content":"x = \\"<y>\\""}',
  }),
);

describe('repairToolCalls (properties)', () => {
  it('should give the same result however the text was split, keep the contract and lose no text', () => {
    fc.assert(
      fc.property(fc.tuple(triggerProse, embeddedCall, triggerProse), cutPoints, ([before, call, after], cuts) => {
        const text = before + call.text + after;
        const whole = run(streamOf([text]));
        const split = run(streamOf(splitText(text, cuts)));
        assertChunkContract(split, { requireTerminal: true });
        expect(normalise(split)).toEqual(normalise(whole));
        const calls = split.filter((chunk) => chunk.type === 'tool-call');
        // Without a call the text is the input; a recognised call only ever removes text.
        if (calls.length === 0) expect(textOf(split)).toBe(text);
        else expect(textOf(split).length).toBeLessThan(text.length);
      }),
      { numRuns },
    );
  });

  it('should leave the text around one embedded call exactly as it was', () => {
    fc.assert(
      fc.property(plainProse, embeddedCall, plainProse, cutPoints, (before, call, after, cuts) => {
        const output = run(streamOf(splitText(before + call.text + after, cuts)));
        assertChunkContract(output, { requireTerminal: true });
        expect(textOf(output)).toBe(before + after);
        expect(output.filter((chunk) => chunk.type === 'tool-call')).toEqual([
          { type: 'tool-call', toolCallId: 'call_1', toolName: call.toolName, input: call.input },
        ]);
        expect(output[output.length - 1]).toEqual({ ...finish, finishReason: { unified: 'tool-calls', raw: 'end_turn' } });
      }),
      { numRuns },
    );
  });

  it('should return prose without calls unchanged', () => {
    fc.assert(
      fc.property(triggerProse, cutPoints, (text, cuts) => {
        const input = streamOf(splitText(text, cuts));
        const output = run(input);
        assertChunkContract(output, { requireTerminal: true });
        expect(normalise(output)).toEqual(normalise(input));
        // Prose with no candidate triggers is not even regrouped.
        if (!/[{<`tTfF]/.test(text)) expect(output).toEqual(input);
      }),
      { numRuns },
    );
  });

  it('should tear down exactly as many source subscriptions as it made', () => {
    fc.assert(
      fc.property(fc.tuple(plainProse, embeddedCall, plainProse), cutPoints, fc.nat({ max: 12 }), ([before, call, after], cuts, limit) => {
        let subscriptions = 0;
        let teardowns = 0;
        const chunks = streamOf(splitText(before + call.text + after, cuts));
        const source = new Observable<CanonicalChunk>((subscriber) => {
          subscriptions++;
          for (const chunk of chunks) subscriber.next(chunk);
          subscriber.complete();
          return () => teardowns++;
        });
        source
          .pipe(repairToolCalls({ allowedTools, generateId: (prefix) => `${prefix}1` }), take(limit + 1))
          .subscribe();
        expect(subscriptions).toBe(1);
        expect(teardowns).toBe(subscriptions);
      }),
      { numRuns },
    );
  });
});
