import { opensQuote, skipQuoted, unquoteToken } from './skip-quoted.js';

/**
 * One argument of an in-chat command. `key=value` gives `{key, value, positional: false}`;
 * a bare token gives `{key: token, value: '', positional: true}` (SEED-SPEC §3.2: so
 * `!/unset(model, temperature)` has keys `model` and `temperature`).
 */
export interface CommandArgument {
  readonly key: string;
  readonly value: string;
  readonly positional: boolean;
}

/** Why an argument list could not be read. */
export type ArgumentErrorReason = 'unterminated-quote' | 'unbalanced-brackets';

/** The outcome of {@link parseCommandArguments}: never thrown, always returned. */
export type ParsedArguments =
  | { readonly ok: true; readonly args: readonly CommandArgument[] }
  | { readonly ok: false; readonly reason: ArgumentErrorReason; readonly message: string };

const closerOf: Readonly<Record<string, string>> = { '(': ')', '{': '}', '[': ']' };
const closers = new Set(Object.values(closerOf));

/**
 * Reads the text between a command's parentheses into arguments (SEED-SPEC §3.2).
 *
 * - Splits on commas outside quotes and outside `()`, `{}`, `[]`; empty pieces (`!/help()`,
 *   a trailing comma) are skipped.
 * - A piece splits on its first `=` outside quotes and brackets; key and value are trimmed.
 * - A key, value or bare token wholly wrapped in quotes loses them and its backslash escapes
 *   are resolved (`project="my project, v2"` → `my project, v2`); quotes inside a longer
 *   token are kept, so JSON values survive.
 * - An unterminated quote, or brackets that do not pair up, give `{ok: false}`.
 *
 * @param text the argument text without the outer parentheses
 * @example
 * parseCommandArguments('model=openrouter:x, temperature');
 * // {ok: true, args: [{key: 'model', value: 'openrouter:x', positional: false},
 * //                   {key: 'temperature', value: '', positional: true}]}
 */
export function parseCommandArguments(text: string): ParsedArguments {
  const pieces: { text: string; equals: number }[] = [];
  const open: string[] = [];
  let pieceStart = 0;
  let equals = -1;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (opensQuote(text, index)) {
      const after = skipQuoted(text, index);
      if (after === undefined) return failure('unterminated-quote', `Unterminated quote in arguments: ${text}`);
      index = after - 1;
    } else if (Object.hasOwn(closerOf, character)) {
      open.push(closerOf[character]);
    } else if (closers.has(character)) {
      if (open.pop() !== character) return unbalanced(text);
    } else if (open.length === 0 && character === ',') {
      pieces.push({ text: text.slice(pieceStart, index), equals: equals < 0 ? -1 : equals - pieceStart });
      pieceStart = index + 1;
      equals = -1;
    } else if (open.length === 0 && character === '=' && equals < 0) {
      equals = index;
    }
  }
  if (open.length > 0) return unbalanced(text);
  pieces.push({ text: text.slice(pieceStart), equals: equals < 0 ? -1 : equals - pieceStart });
  return { ok: true, args: pieces.filter((piece) => piece.text.trim() !== '').map(toArgument) };
}

function toArgument(piece: { text: string; equals: number }): CommandArgument {
  if (piece.equals < 0) return { key: unquoteToken(piece.text.trim()), value: '', positional: true };
  return {
    key: unquoteToken(piece.text.slice(0, piece.equals).trim()),
    value: unquoteToken(piece.text.slice(piece.equals + 1).trim()),
    positional: false,
  };
}

function unbalanced(text: string): ParsedArguments {
  return failure('unbalanced-brackets', `Unbalanced brackets in arguments: ${text}`);
}

function failure(reason: ArgumentErrorReason, message: string): ParsedArguments {
  return { ok: false, reason, message };
}
