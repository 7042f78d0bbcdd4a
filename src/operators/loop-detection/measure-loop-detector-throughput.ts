/**
 * Micro benchmark (not a test): feeds ordinary prose, a markdown table, and prose with code blocks
 * through the loop detector in 40-character deltas and prints MB/s (1 MB = 10^6 UTF-16 code units).
 *
 * Run: npx tsc -p tsconfig.build.json && node dist/src/operators/loop-detection/measure-loop-detector-throughput.js
 */
import { createLoopDetector } from './create-loop-detector.js';
import { defaultLoopDetectionSettings } from './loop-detection-settings.js';

const words = (
  'the of and to in is that it was for on are as with his they at be this from have or by one had not but ' +
  'what all were when we there can an your which their said if do will each about how up out them then she ' +
  'many some so these would other into has more her two like him see time could no make than first been its ' +
  'who now people my made over did down only way find use may water long little very after words called just ' +
  'where most know get through back much before go good new write our used me man too any day same right look'
).split(' ');

/** Deterministic pseudo-random prose (a tiny LCG) so every run measures the same text. */
function prose(length: number, seed: number): string {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 8;
  };
  const parts: string[] = [];
  let size = 0;
  let sentence = 0;
  while (size < length) {
    const word = words[next() % words.length];
    sentence += 1;
    const piece = sentence > 8 + (next() % 12) ? `${word}. ` : `${word} `;
    if (sentence > 8 && piece.endsWith('. ')) sentence = 0;
    parts.push(next() % 40 === 0 ? `${piece}\n\n` : piece);
    size += piece.length;
  }
  return parts.join('');
}

function table(length: number): string {
  const rows: string[] = ['| # | name | status | duration |', '|---|------|--------|----------|'];
  let size = 0;
  for (let row = 0; size < length; row += 1) {
    const line = `| ${row} | item-${(row * 7919) % 10007} | ${row % 3 === 0 ? 'ok' : 'pending'} | ${row % 97}ms |`;
    rows.push(line);
    size += line.length + 1;
  }
  return rows.join('\n');
}

function withCode(length: number): string {
  const block = '```ts\nconst value = compute(input);\nconsole.log(value);\n```\n';
  return prose(length, 7)
    .split('\n\n')
    .join(`\n\n${block}`);
}

function measure(name: string, text: string, rounds: number): void {
  const delta = 40;
  let best = 0;
  for (let round = 0; round < rounds; round += 1) {
    const detector = createLoopDetector(defaultLoopDetectionSettings);
    const started = process.hrtime.bigint();
    for (let offset = 0; offset < text.length; offset += delta) {
      if (detector.push(text.slice(offset, offset + delta)) !== undefined) {
        throw new Error(`${name}: unexpected loop detection at ${offset}`);
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    best = Math.max(best, text.length / seconds / 1e6);
  }
  console.log(`${name.padEnd(24)} ${best.toFixed(1)} MB/s (best of ${rounds}, ${(text.length / 1e6).toFixed(1)} M chars)`);
}

const size = 20_000_000;
measure('prose', prose(size, 1), 5);
measure('markdown table', table(size), 5);
measure('prose with code blocks', withCode(size), 5);
