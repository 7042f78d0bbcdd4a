import type { LoopDetection } from './loop-detection.js';
import type { TextRing } from './text-ring.js';

/**
 * The smallest period of `text` (KMP failure function): the length p such that
 * text[i] === text[i + p] for every i. Equals `text.length` when the text is not periodic.
 */
export function smallestPeriod(text: string): number {
  const failure = new Int32Array(text.length + 1);
  failure[0] = -1;
  let k = -1;
  for (let index = 0; index < text.length; index += 1) {
    while (k >= 0 && text.charCodeAt(k) !== text.charCodeAt(index)) k = failure[k];
    k += 1;
    failure[index + 1] = k;
  }
  return text.length - failure[text.length];
}

const wordStartSearch = 40;

/**
 * Describes a repeated region `[start, end)` of the ring for the client. When the region is at
 * least two whole copies of one unit, it reports that unit and its count, so the notice reads
 * `'Loading... '` × N whichever window or lag found it: the region is first stretched back to
 * where the repetition really began, then the unit is rotated to start at a word. Otherwise it
 * reports the detector's own pattern and count. Runs once per detection, so O(region) is fine.
 */
export function describeRepetition(
  ring: TextRing,
  start: number,
  end: number,
  fallbackPattern: string,
  fallbackCount: number,
): LoopDetection {
  let region = ring.slice(start, end);
  const period = smallestPeriod(region);
  if (period * 2 > region.length) {
    return { pattern: fallbackPattern, repetitions: fallbackCount, totalLength: region.length };
  }
  let from = Math.max(start, ring.oldest);
  while (from - 1 >= ring.oldest && ring.at(from - 1) === ring.at(from - 1 + period)) from -= 1;
  region = ring.slice(from, end);
  const shift = wordStart(region, period);
  // A detector may fire before the last copy is whole (the long one needs only 100 characters of
  // it): its own count, capped by the copies begun, keeps the notice from saying "2 times".
  const count = (length: number): number =>
    Math.max(Math.floor(length / period), Math.min(fallbackCount, Math.ceil(length / period)));
  if (Math.floor((region.length - shift) / period) >= 2) {
    return { pattern: region.slice(shift, shift + period), repetitions: count(region.length - shift), totalLength: region.length - shift };
  }
  return { pattern: region.slice(0, period), repetitions: count(region.length), totalLength: region.length };
}

/** Where the unit should start: at a line start when it spans lines, else at a word start. */
function wordStart(text: string, period: number): number {
  if (text.charAt(period - 1) === '\n') return 0;
  const newline = text.indexOf('\n');
  if (newline >= 0 && newline < period - 1) return newline + 1;
  if (/\s/.test(text.charAt(period - 1)) && /\S/.test(text.charAt(0))) return 0;
  const limit = Math.min(period, wordStartSearch);
  for (let offset = 0; offset < limit; offset += 1) {
    if (/\s/.test(text.charAt(offset)) && /\S/.test(text.charAt(offset + 1))) return offset + 1;
  }
  return 0;
}
