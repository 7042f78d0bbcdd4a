import type { LoopDetection } from './loop-detection.js';

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

/**
 * Describes a repeated region for the client: when the region is a run of at least two whole
 * copies of one unit, the unit and its count (so `Loading... Loading... …` reads as
 * `'Loading... '` × N whatever window found it); otherwise the detector's own pattern and count.
 */
export function summariseRepetition(region: string, fallbackPattern: string, fallbackCount: number): LoopDetection {
  const period = smallestPeriod(region);
  if (period * 2 <= region.length) {
    return {
      pattern: region.slice(0, period),
      repetitions: Math.floor(region.length / period),
      totalLength: region.length,
    };
  }
  return { pattern: fallbackPattern, repetitions: fallbackCount, totalLength: region.length };
}
