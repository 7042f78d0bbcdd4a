import { from, lastValueFrom, type OperatorFunction } from 'rxjs';
import { detectRepetitionLoop } from '../src/operators/detect-repetition-loop.js';
import { createLoopDetector, defaultLoopDetectionSettings } from '../src/operators/loop-detection/index.js';
import { repairJson } from '../src/operators/repair-json.js';
import { repairToolCalls } from '../src/operators/repair-tool-calls.js';
import { ToolLoopTracker, defaultToolLoopSettings } from '../src/operators/tool-loop/index.js';
import { trackToolCallLoops } from '../src/operators/track-tool-call-loops.js';
import type { CanonicalChunk } from '../src/streams/canonical-chunk.js';
import { generateProse } from './generate-prose.js';

/**
 * 40-character text deltas, like a fast model's stream. Each is made a flat string through a
 * JSON round trip, as real deltas come out of `JSON.parse`: a `slice` of the big text would be a
 * V8 sliced string, whose every `charCodeAt` takes a detour through its parent (~12 % more work
 * for the loop detector), and slicing inside the timed loop would time the slicing too.
 */
function deltasOf(text: string): string[] {
  const deltas: string[] = [];
  for (let offset = 0; offset < text.length; offset += 40) deltas.push(JSON.parse(JSON.stringify(text.slice(offset, offset + 40))) as string);
  return deltas;
}

/** One large response as canonical chunks. */
function chunksOf(deltas: readonly string[]): CanonicalChunk[] {
  const chunks: CanonicalChunk[] = [{ type: 'text-start', id: 't' }];
  for (const delta of deltas) chunks.push({ type: 'text-delta', id: 't', delta });
  chunks.push({ type: 'text-end', id: 't' }, { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} });
  return chunks;
}

async function megabytesPerSecond(chunks: readonly CanonicalChunk[], characters: number, operator: OperatorFunction<CanonicalChunk, CanonicalChunk>, rounds = 5): Promise<number> {
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    await lastValueFrom(from(chunks).pipe(operator));
    best = Math.max(best, characters / (Number(process.hrtime.bigint() - started) / 1e9) / 1e6);
  }
  return best;
}

/** Each steering operator alone over 20 M characters of prose (MB = 10^6 characters), best of 5 (the first rounds warm V8 up). */
export async function benchOperators(): Promise<{ readonly name: string; readonly mbPerSecond: number }[]> {
  const text = generateProse(20_000_000);
  const deltas = deltasOf(text);
  const chunks = chunksOf(deltas);
  const results: { name: string; mbPerSecond: number }[] = [];
  let best = 0;
  for (let round = 0; round < 5; round++) {
    const detector = createLoopDetector(defaultLoopDetectionSettings);
    const started = process.hrtime.bigint();
    for (const delta of deltas) detector.push(delta);
    best = Math.max(best, text.length / (Number(process.hrtime.bigint() - started) / 1e9) / 1e6);
  }
  results.push({ name: 'loop detector (core, no RxJS)', mbPerSecond: best });
  const generateId = (prefix: string): string => `${prefix}1`;
  const operators: [string, () => OperatorFunction<CanonicalChunk, CanonicalChunk>][] = [
    ['detectRepetitionLoop', () => detectRepetitionLoop({ settings: defaultLoopDetectionSettings })],
    ['repairToolCalls', () => repairToolCalls({ allowedTools: ['read_file'], generateId })],
    ['repairJson', () => repairJson()],
    ['trackToolCallLoops', () => trackToolCallLoops({ tracker: new ToolLoopTracker({ settings: defaultToolLoopSettings }), settings: defaultToolLoopSettings })],
  ];
  for (const [name, make] of operators) results.push({ name, mbPerSecond: await megabytesPerSecond(chunks, text.length, make()) });
  return results;
}
