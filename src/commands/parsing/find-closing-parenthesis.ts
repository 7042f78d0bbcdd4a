import { opensQuote, skipQuoted } from './skip-quoted.js';

/** Where a command's argument list ends, or why it does not. */
export type ClosingParenthesis =
  | { readonly ok: true; readonly end: number }
  | { readonly ok: false; readonly message: string };

/**
 * Finds the `)` matching the `(` at `open`, skipping nested parentheses and quoted stretches
 * (see {@link opensQuote}); returns the index just after it. Only parentheses count here:
 * braces and brackets are checked later by the argument parser.
 */
export function findClosingParenthesis(text: string, open: number): ClosingParenthesis {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    const character = text[index];
    if (opensQuote(text, index)) {
      const after = skipQuoted(text, index);
      if (after === undefined) return { ok: false, message: 'Unterminated quote in command arguments' };
      index = after - 1;
    } else if (character === '(') {
      depth += 1;
    } else if (character === ')') {
      depth -= 1;
      if (depth === 0) return { ok: true, end: index + 1 };
    }
  }
  return { ok: false, message: "Command arguments are missing their closing ')'" };
}
