import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { from, lastValueFrom, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { detectRepetitionLoop } from '../../src/operators/detect-repetition-loop.js';
import { defaultLoopDetectionSettings } from '../../src/operators/loop-detection/loop-detection-settings.js';
import type { CanonicalChunk } from '../../src/streams/canonical-chunk.js';

const here = dirname(fileURLToPath(import.meta.url));
const loopMarker = '<<<LOOP>>>\n';
/** A loop must be stopped within this many characters of where it started. */
const maximumLatency = 4096;

function readCorpus(folder: string): Array<{ name: string; text: string; loopStart: number }> {
  return readdirSync(join(here, folder))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const raw = readFileSync(join(here, folder, name), 'utf8');
      const loopStart = raw.indexOf(loopMarker);
      return { name, text: raw.replace(loopMarker, ''), loopStart };
    });
}

/** Splits text into deltas of 1–40 characters with a seeded generator (reproducible). */
function randomDeltas(text: string, seed: number): string[] {
  let state = seed >>> 0;
  const deltas: string[] = [];
  for (let offset = 0; offset < text.length; ) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const size = 1 + ((state >>> 8) % 40);
    deltas.push(text.slice(offset, offset + size));
    offset += size;
  }
  return deltas;
}

async function run(text: string, seed: number): Promise<CanonicalChunk[]> {
  const chunks: CanonicalChunk[] = [
    { type: 'text-start', id: 't' },
    ...randomDeltas(text, seed).map((delta): CanonicalChunk => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} },
  ];
  return lastValueFrom(from(chunks).pipe(detectRepetitionLoop({ settings: defaultLoopDetectionSettings }), toArray()));
}

function visibleText(chunks: readonly CanonicalChunk[]): string {
  return chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');
}

const loops = readCorpus('loops');
const legit = readCorpus('legit');
const outcome = { caught: 0, missed: 0, falseAlarms: 0, passed: 0 };
const latencies: string[] = [];

describe('loop corpus', () => {
  it('should hold at least 15 loops and 15 legitimate outputs', () => {
    expect(loops.length).toBeGreaterThanOrEqual(15);
    expect(legit.length).toBeGreaterThanOrEqual(15);
    for (const file of loops) expect(file.loopStart, file.name).toBeGreaterThan(0);
  });

  for (const file of loops) {
    it(`should stop the loop in ${file.name} within ${maximumLatency} characters`, async () => {
      for (const seed of [1, 2, 3]) {
        const chunks = await run(file.text, seed);
        const finish = chunks[chunks.length - 1];
        const caught = finish.type === 'finish' && finish.finishReason.raw === 'loop_detected';
        const visible = visibleText(chunks);
        const cut = visible.indexOf('\n\n[Response cancelled: Loop detected - Pattern');
        const ok = caught && cut >= 0 && cut - file.loopStart <= maximumLatency;
        if (seed === 1) {
          outcome[ok ? 'caught' : 'missed'] += 1;
          latencies.push(`${file.name}: +${cut - file.loopStart} chars ${visible.slice(cut + 2)}`);
        }
        expect(ok, `${file.name} (seed ${seed}) caught=${caught} at ${cut - file.loopStart}`).toBe(true);
      }
    });
  }

  for (const file of legit) {
    it(`should pass ${file.name} through untouched`, async () => {
      for (const seed of [1, 2, 3]) {
        const chunks = await run(file.text, seed);
        const untouched = visibleText(chunks) === file.text && chunks[chunks.length - 1].type === 'finish';
        const finish = chunks[chunks.length - 1];
        const flagged = finish.type === 'finish' && finish.finishReason.raw === 'loop_detected';
        if (seed === 1) outcome[untouched && !flagged ? 'passed' : 'falseAlarms'] += 1;
        expect(flagged, `${file.name} (seed ${seed}): ${visibleText(chunks).slice(-160)}`).toBe(false);
        expect(untouched).toBe(true);
      }
    });
  }

  afterAll(() => {
    const precision = outcome.caught / Math.max(1, outcome.caught + outcome.falseAlarms);
    const recall = outcome.caught / Math.max(1, outcome.caught + outcome.missed);
    console.log(
      `loop corpus: ${outcome.caught}/${loops.length} loops caught, ${outcome.falseAlarms}/${legit.length} false alarms; ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n${latencies.join('\n')}`,
    );
  });
});
