import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { readFixtureLines } from '../../../test/fixtures/read-fixture.js';
import { cutPoints, numRuns, splitAt } from '../../../test/split-bytes.js';
import type { CanonicalChunk, FinishReasonUnified } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import { serializeSse } from '../../streams/serialize-sse.js';
import { canonicalToOpenAIResponsesEvents } from './canonical-to-openai-responses-events.js';
import { checkResponsesLifecycle, type ResponsesLifecycleEvent } from './check-responses-lifecycle.js';
import { openAIResponsesEventsToCanonical } from './openai-responses-events-to-canonical.js';

const idGenerator = () => {
  let counter = 0;
  return (prefix: string) => `${prefix}${++counter}`;
};

function frame(lines: readonly string[]): string {
  return lines.map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`).join('');
}

async function decodePieces(pieces: readonly Uint8Array[]): Promise<CanonicalChunk[]> {
  return lastValueFrom(from(pieces).pipe(parseSse(), openAIResponsesEventsToCanonical({ generateId: idGenerator() }), toArray()));
}

const fixtures = [
  'azure-text.1.chunks.txt',
  'azure-tool-call.1.chunks.txt',
  'openai-error.1.chunks.txt',
  'openai-reasoning-encrypted-content.1.chunks.txt',
].map((name) => ({ name, bytes: new TextEncoder().encode(frame(readFixtureLines(`openai-responses/${name}`))) }));

/** Splits a string into consecutive pieces at the given cut points (possibly empty pieces). */
function splitString(text: string, cuts: readonly number[]): string[] {
  const chars = [...text];
  const points = [...new Set(cuts.map((cut) => cut % (chars.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(chars.slice(start, point).join(''));
    start = point;
  }
  pieces.push(chars.slice(start).join(''));
  return pieces;
}

const textArbitrary = fc.string({ unit: 'binary', maxLength: 12 });
const blockArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: textArbitrary, cuts: cutPoints }),
  fc.record({ kind: fc.constant('reasoning' as const), text: textArbitrary, cuts: cutPoints }),
  fc.record({
    kind: fc.constant('tools' as const),
    calls: fc.array(
      fc.record({ name: fc.constantFrom('read', 'write', 'exec'), args: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), cuts: cutPoints, lone: fc.boolean() }),
      { minLength: 1, maxLength: 3 },
    ),
    schedule: fc.array(fc.nat(), { maxLength: 30 }),
  }),
);
const endingArbitrary = fc.oneof(
  fc.constantFrom<FinishReasonUnified>('stop', 'tool-calls', 'length', 'content-filter'),
  fc.constant('error' as const),
);

interface Expected {
  texts: string[];
  reasonings: string[];
  calls: [string, string, string][];
}

/** Builds a canonical stream (with interleaved parallel tool inputs) and what must survive the round trip. */
type Block = typeof blockArbitrary extends fc.Arbitrary<infer T> ? T : never;

function buildStream(blocks: readonly Block[], ending: FinishReasonUnified | 'error') {
  const chunks: CanonicalChunk[] = [];
  const expected: Expected = { texts: [], reasonings: [], calls: [] };
  let callCounter = 0;
  blocks.forEach((block, index) => {
    if (block.kind === 'tools') {
      const calls = block.calls.map((call) => ({ ...call, id: `call_${++callCounter}`, input: JSON.stringify(call.args) }));
      const pending = calls.filter((call) => !call.lone).map((call) => ({ call, deltas: splitString(call.input, call.cuts).filter((d) => d.length > 0) }));
      for (const { call } of pending) chunks.push({ type: 'tool-input-start', id: call.id, toolName: call.name });
      let step = 0;
      while (pending.some((entry) => entry.deltas.length > 0)) {
        const live = pending.filter((entry) => entry.deltas.length > 0);
        const entry = live[(block.schedule[step++] ?? 0) % live.length];
        chunks.push({ type: 'tool-input-delta', id: entry.call.id, delta: entry.deltas.shift()! });
      }
      for (const call of calls) {
        if (!call.lone) chunks.push({ type: 'tool-input-end', id: call.id });
        chunks.push({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.input });
        expected.calls.push([call.id, call.name, call.input]);
      }
      return;
    }
    const id = `${block.kind}-${index}`;
    const deltas = splitString(block.text, block.cuts);
    if (block.kind === 'text') {
      chunks.push({ type: 'text-start', id }, ...deltas.map((delta) => ({ type: 'text-delta' as const, id, delta })), { type: 'text-end', id });
    } else {
      chunks.push({ type: 'reasoning-start', id }, ...deltas.map((delta) => ({ type: 'reasoning-delta' as const, id, delta })), { type: 'reasoning-end', id });
    }
    if (block.text.length > 0) (block.kind === 'text' ? expected.texts : expected.reasonings).push(block.text);
  });
  if (ending === 'error') chunks.push({ type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 502, message: 'broken' } });
  else chunks.push({ type: 'finish', finishReason: { unified: ending, raw: undefined }, usage: { inputTokens: 3, outputTokens: 4 } });
  return { chunks, expected };
}

function summarise(chunks: readonly CanonicalChunk[]): Expected {
  const texts = new Map<string, string>();
  const reasonings = new Map<string, string>();
  const calls: [string, string, string][] = [];
  for (const chunk of chunks) {
    if (chunk.type === 'text-delta') texts.set(chunk.id, (texts.get(chunk.id) ?? '') + chunk.delta);
    if (chunk.type === 'reasoning-delta') reasonings.set(chunk.id, (reasonings.get(chunk.id) ?? '') + chunk.delta);
    if (chunk.type === 'tool-call') calls.push([chunk.toolCallId, chunk.toolName, chunk.input]);
  }
  const nonEmpty = (values: Map<string, string>) => [...values.values()].filter((value) => value.length > 0);
  return { texts: nonEmpty(texts), reasonings: nonEmpty(reasonings), calls };
}

describe('openAIResponsesEventsToCanonical (properties)', () => {
  it('should decode every fixture the same way wherever its bytes are split', async () => {
    for (const fixture of fixtures) {
      const whole = await decodePieces([fixture.bytes]);
      assertChunkContract(whole, { requireTerminal: true });
      await fc.assert(
        fc.asyncProperty(cutPoints, async (cuts) => {
          expect(await decodePieces(splitAt(fixture.bytes, cuts))).toEqual(whole);
        }),
        { numRuns },
      );
    }
  });
});

describe('canonicalToOpenAIResponsesEvents (properties)', () => {
  it('should keep the lifecycle strict and round-trip content through encode then decode', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(blockArbitrary, { maxLength: 5 }), endingArbitrary, cutPoints, async (blocks, ending, cuts) => {
        const { chunks, expected } = buildStream(blocks, ending);
        let counter = 0;
        const events = await lastValueFrom(
          from(chunks).pipe(
            canonicalToOpenAIResponsesEvents({ responseId: 'resp_p', model: 'm', createdAt: 1, generateId: (prefix) => `${prefix}${++counter}` }),
            toArray(),
          ),
        );
        checkResponsesLifecycle(events.map((event) => JSON.parse(event.data) as ResponsesLifecycleEvent));
        const bytes = new TextEncoder().encode(events.map(serializeSse).join(''));
        const decoded = await decodePieces(splitAt(bytes, cuts));
        assertChunkContract(decoded, { requireTerminal: true });
        const last = decoded.at(-1)!;
        if (ending === 'error') {
          expect(last).toMatchObject({ type: 'error', error: { message: 'broken' } });
          return; // content before an error is cut short by design
        }
        expect(summarise(decoded)).toEqual(expected);
        const unified = ending === 'stop' || ending === 'tool-calls' ? (expected.calls.length > 0 ? 'tool-calls' : 'stop') : ending;
        expect(last).toMatchObject({ type: 'finish', finishReason: { unified }, usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 } });
      }),
      { numRuns },
    );
  });
});
