import type { TextRange } from './text-range.js';

interface Line {
  readonly start: number;
  /** End of the line's content, before its `\n`. */
  readonly end: number;
}

const fenceOpener = /^ {0,3}(`{3,}|~{3,})(.*)$/u;

/**
 * Finds the Markdown code in a text, where in-chat commands are only quoted, never meant:
 * fenced blocks (```` ``` ```` or `~~~`, up to three spaces of indent, closed by a line with at
 * least as many of the same character, or running to the end of the text like CommonMark) and
 * inline code spans (a run of N backticks closed by the next run of exactly N backticks in the
 * same paragraph; an unmatched run is a literal backtick). Indented code blocks are not treated
 * as code: too much plain prose is indented.
 *
 * Linear in the text length. Returns sorted, disjoint ranges.
 *
 * @example
 * findCodeRegions('run `!/hello` now'); // [{start: 4, end: 13}]
 */
export function findCodeRegions(text: string): TextRange[] {
  const regions: TextRange[] = [];
  let paragraphStart = -1;
  let fence: { character: string; length: number; start: number } | undefined;
  const closeParagraph = (end: number): void => {
    if (paragraphStart >= 0) regions.push(...findCodeSpans(text, paragraphStart, end));
    paragraphStart = -1;
  };
  for (const line of splitLines(text)) {
    const content = text.slice(line.start, line.end).replace(/\r$/u, '');
    if (fence !== undefined) {
      if (closesFence(content, fence.character, fence.length)) {
        regions.push({ start: fence.start, end: line.end });
        fence = undefined;
      }
      continue;
    }
    const opener = fenceOpener.exec(content);
    if (opener !== null && !(opener[1][0] === '`' && opener[2].includes('`'))) {
      closeParagraph(line.start);
      fence = { character: opener[1][0], length: opener[1].length, start: line.start };
    } else if (content.trim() === '') {
      closeParagraph(line.start);
    } else if (paragraphStart < 0) {
      paragraphStart = line.start;
    }
  }
  if (fence !== undefined) regions.push({ start: fence.start, end: text.length });
  closeParagraph(text.length);
  return regions;
}

function closesFence(content: string, character: string, length: number): boolean {
  const match = /^ {0,3}(`+|~+)[ \t]*$/u.exec(content);
  return match !== null && match[1][0] === character && match[1].length >= length;
}

function* splitLines(text: string): Generator<Line> {
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    yield { start, end };
    start = newline < 0 ? text.length + 1 : newline + 1;
  }
}

/** Inline code spans in `text[start, end)`: pairs backtick runs of equal length. */
function findCodeSpans(text: string, start: number, end: number): TextRange[] {
  const runs: { start: number; length: number }[] = [];
  for (let index = start; index < end; index += 1) {
    if (text[index] !== '`') continue;
    let runEnd = index;
    while (runEnd < end && text[runEnd] === '`') runEnd += 1;
    runs.push({ start: index, length: runEnd - index });
    index = runEnd - 1;
  }
  // nextSameLength[i] = the index of the next run with the same length as run i.
  const nextSameLength = new Array<number>(runs.length).fill(-1);
  const latestByLength = new Map<number, number>();
  for (let index = runs.length - 1; index >= 0; index -= 1) {
    nextSameLength[index] = latestByLength.get(runs[index].length) ?? -1;
    latestByLength.set(runs[index].length, index);
  }
  const spans: TextRange[] = [];
  for (let index = 0; index < runs.length; index += 1) {
    const closer = nextSameLength[index];
    if (closer < 0) continue;
    spans.push({ start: runs[index].start, end: runs[closer].start + runs[closer].length });
    index = closer;
  }
  return spans;
}
