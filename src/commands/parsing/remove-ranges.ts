import type { TextRange } from './text-range.js';

/**
 * Removes sorted, disjoint ranges from a text that starts at `offset` within a larger text the
 * ranges index into (a content part inside the joined message). Builds the result from slices
 * in one pass.
 */
export function removeRanges(text: string, ranges: readonly TextRange[], offset = 0): string {
  const pieces: string[] = [];
  let kept = 0;
  for (const range of ranges) {
    const start = Math.max(range.start - offset, 0);
    const end = Math.min(range.end - offset, text.length);
    if (end <= 0) continue;
    if (start >= text.length) break;
    if (start > kept) pieces.push(text.slice(kept, start));
    kept = Math.max(kept, end);
  }
  pieces.push(text.slice(kept));
  return pieces.join('');
}
