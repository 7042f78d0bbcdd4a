import fc from 'fast-check';
import { defer, finalize, from, take, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import { numRuns } from '../../test/split-bytes.js';
import { trackToolCallLoops } from './track-tool-call-loops.js';
import { defaultToolLoopSettings, type ToolLoopMode, type ToolLoopSettings } from './tool-loop/tool-loop-settings.js';
import { ToolLoopTracker } from './tool-loop/tool-loop-tracker.js';

type Item =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'call'; readonly name: string; readonly input: string; readonly cuts: readonly number[] };

const itemArbitrary: fc.Arbitrary<Item> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: fc.string({ minLength: 1, maxLength: 8 }) }),
  fc.record({
    kind: fc.constant('call' as const),
    name: fc.constantFrom('calc', 'read'),
    input: fc.constantFrom('{"x":1}', '{"x": 1}', '{"a":1,"b":[2,{"c":"ü"}]}', '{"b":[2,{"c":"ü"}],"a":1}', '{}'),
    cuts: fc.array(fc.nat(), { maxLength: 6 }),
  }),
);
const responsesArbitrary = fc.array(fc.array(itemArbitrary, { maxLength: 4 }), { minLength: 1, maxLength: 7 });
const settingsArbitrary = fc.record({
  enabled: fc.constant(true),
  maxRepeats: fc.integer({ min: 2, max: 4 }),
  ttlSeconds: fc.constant(120),
  mode: fc.constantFrom<ToolLoopMode>('break', 'chance_then_break'),
});

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

function toChunks(items: readonly Item[], response: number, split: boolean): CanonicalChunk[] {
  const chunks: CanonicalChunk[] = [];
  items.forEach((item, index) => {
    const id = `r${response}-${index}`;
    if (item.kind === 'text') {
      chunks.push({ type: 'text-start', id }, { type: 'text-delta', id, delta: item.text }, { type: 'text-end', id });
      return;
    }
    const deltas = split ? splitText(item.input, item.cuts) : [item.input];
    chunks.push({ type: 'tool-input-start', id, toolName: item.name });
    for (const delta of deltas) chunks.push({ type: 'tool-input-delta', id, delta });
    chunks.push({ type: 'tool-input-end', id }, { type: 'tool-call', toolCallId: id, toolName: item.name, input: item.input });
  });
  chunks.push({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: {} });
  return chunks;
}

function runAll(responses: readonly (readonly Item[])[], settings: ToolLoopSettings, split: boolean): CanonicalChunk[][] {
  const tracker = new ToolLoopTracker({ now: () => 0 });
  return responses.map((items, response) => {
    const output: CanonicalChunk[] = [];
    from(toChunks(items, response, split))
      .pipe(trackToolCallLoops({ tracker, settings }))
      .subscribe((chunk) => output.push(chunk));
    return output;
  });
}

/** Joins adjacent tool-input deltas of one call: the form that must not depend on splitting. */
function joinDeltas(chunks: readonly CanonicalChunk[]): CanonicalChunk[] {
  return chunks.reduce<CanonicalChunk[]>((merged, chunk) => {
    const last = merged.at(-1);
    if (chunk.type === 'tool-input-delta' && last?.type === 'tool-input-delta' && last.id === chunk.id) {
      merged[merged.length - 1] = { ...last, delta: last.delta + chunk.delta };
    } else {
      merged.push(chunk);
    }
    return merged;
  }, []);
}

const callChunksOf = (chunks: readonly CanonicalChunk[], id: string): CanonicalChunk[] =>
  chunks.filter(
    (chunk) =>
      (chunk.type.startsWith('tool-input') && 'id' in chunk && chunk.id === id) ||
      (chunk.type === 'tool-call' && chunk.toolCallId === id),
  );

describe('trackToolCallLoops (properties)', () => {
  it('should not depend on how tool-input deltas were split', () => {
    fc.assert(
      fc.property(responsesArbitrary, settingsArbitrary, (responses, settings) => {
        const whole = runAll(responses, settings, false);
        const split = runAll(responses, settings, true);
        expect(split.map(joinDeltas)).toEqual(whole.map(joinDeltas));
      }),
      { numRuns },
    );
  });

  it('should keep the chunk contract: every start ended, finish last', () => {
    const seen = { warn: 0, block: 0 };
    fc.assert(
      fc.property(responsesArbitrary, settingsArbitrary, (responses, settings) => {
        for (const output of runAll(responses, settings, true)) {
          assertChunkContract(output, { requireTerminal: true });
          const notice = output.find(
            (chunk) => chunk.type === 'text-delta' && /^(After guidance, )?Tool call loop /.test(chunk.delta),
          );
          if (notice?.type === 'text-delta') seen[notice.delta.includes('warning') ? 'warn' : 'block'] += 1;
        }
      }),
      { numRuns },
    );
    // The generated sessions really exercise both outcomes, not only pass-through.
    if (numRuns >= 50) expect(Math.min(seen.warn, seen.block)).toBeGreaterThan(0);
  });

  it('should emit an allowed call exactly as it came in', () => {
    fc.assert(
      fc.property(responsesArbitrary, settingsArbitrary, (responses, settings) => {
        runAll(responses, settings, true).forEach((output, response) => {
          const input = toChunks(responses[response], response, true);
          for (const chunk of output) {
            if (chunk.type !== 'tool-call') continue;
            expect(callChunksOf(output, chunk.toolCallId)).toEqual(callChunksOf(input, chunk.toolCallId));
          }
        });
      }),
      { numRuns },
    );
  });

  it('should tear down every subscription to the source, also when the consumer stops early', () => {
    fc.assert(
      fc.property(responsesArbitrary, settingsArbitrary, fc.nat({ max: 12 }), (responses, settings, limit) => {
        const tracker = new ToolLoopTracker({ now: () => 0 });
        let subscriptions = 0;
        let teardowns = 0;
        responses.forEach((items, response) => {
          const source: Observable<CanonicalChunk> = defer(() => {
            subscriptions += 1;
            return from(toChunks(items, response, true));
          }).pipe(finalize(() => (teardowns += 1)));
          source.pipe(trackToolCallLoops({ tracker, settings }), take(limit + 1)).subscribe();
        });
        expect(teardowns).toBe(subscriptions);
        expect(subscriptions).toBe(responses.length);
      }),
      { numRuns },
    );
  });

  it('should pass everything through unchanged when disabled', () => {
    fc.assert(
      fc.property(responsesArbitrary, (responses) => {
        const settings = { ...defaultToolLoopSettings, enabled: false };
        runAll(responses, settings, true).forEach((output, response) => {
          expect(output).toEqual(toChunks(responses[response], response, true));
        });
      }),
      { numRuns },
    );
  });
});
