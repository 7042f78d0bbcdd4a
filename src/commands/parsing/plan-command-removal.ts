import type { TextRange } from './text-range.js';

const whitespace = /[ \t\n\r\f\v]/u;

/**
 * Decides which characters to delete when the given command spans are removed from a text:
 * the spans themselves plus some of the whitespace at each seam. Nothing else is touched, and
 * nothing is ever inserted, so the result can be cut back into content parts.
 *
 * The seam rules (whitespace means ASCII space, tab, `\n`, `\r`, `\f`, `\v`):
 * 1. Commands separated only by whitespace form one group; that whitespace goes with them.
 * 2. L is the whitespace run just before a group, R the run just after it.
 * 3. A group with only whitespace before it (the message start) or after it (the message end)
 *    loses L and R too: the message is trimmed at that end, and only there.
 * 4. Otherwise, when L+R has no `\n`, one character stays: the first of L+R
 *    (`please !/x for` → `please for`; `a(!/x)b` → `a()b`).
 * 5. Otherwise the side with more `\n` stays whole and the other goes (ties keep R, which holds
 *    the next line's indentation): `a\n!/x\nb` → `a\nb`, `a\n\n!/x\n\nb` → `a\n\nb`,
 *    `text !/x\nmore` → `text\nmore`.
 *
 * Leading or trailing whitespace of the message away from any command, and whitespace runs
 * elsewhere, are kept as they are.
 *
 * @param text the text the spans index into
 * @param spans command spans (any order; overlapping ones are merged)
 * @returns sorted, disjoint ranges to delete
 * @example
 * planCommandRemoval('please !/x for', [{start: 7, end: 10}]); // [{start: 7, end: 11}]
 */
export function planCommandRemoval(text: string, spans: readonly TextRange[]): TextRange[] {
  const deletions: TextRange[] = [];
  for (const group of groupSpans(text, spans)) {
    let leftStart = group.start;
    while (leftStart > 0 && whitespace.test(text[leftStart - 1])) leftStart -= 1;
    let rightEnd = group.end;
    while (rightEnd < text.length && whitespace.test(text[rightEnd])) rightEnd += 1;
    if (leftStart === 0 || rightEnd === text.length) {
      deletions.push({ start: leftStart, end: rightEnd });
      continue;
    }
    const leftBreaks = countBreaks(text, leftStart, group.start);
    const rightBreaks = countBreaks(text, group.end, rightEnd);
    if (leftBreaks + rightBreaks > 0) {
      const keepRight = rightBreaks >= leftBreaks;
      deletions.push(keepRight ? { start: leftStart, end: group.end } : { start: group.start, end: rightEnd });
    } else if (leftStart < group.start) {
      deletions.push({ start: leftStart + 1, end: rightEnd });
    } else {
      deletions.push({ start: group.start, end: group.end });
      if (rightEnd > group.end + 1) deletions.push({ start: group.end + 1, end: rightEnd });
    }
  }
  return deletions;
}

/** Sorts and merges spans, joining neighbours that only whitespace separates (rule 1). */
function groupSpans(text: string, spans: readonly TextRange[]): TextRange[] {
  const sorted = [...spans].filter((span) => span.end > span.start).sort((a, b) => a.start - b.start);
  const groups: { start: number; end: number }[] = [];
  for (const span of sorted) {
    const last = groups.at(-1);
    if (last !== undefined && (span.start <= last.end || isBlank(text, last.end, span.start))) {
      last.end = Math.max(last.end, span.end);
    } else {
      groups.push({ start: span.start, end: span.end });
    }
  }
  return groups;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (!whitespace.test(text[index])) return false;
  return true;
}

function countBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index += 1) if (text[index] === '\n') count += 1;
  return count;
}
