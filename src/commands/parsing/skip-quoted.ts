/**
 * Quote handling shared by the command finder and the argument parser, so both agree on where
 * a quoted stretch starts and ends.
 *
 * A `"` or `'` opens a quoted stretch only when the character before it is not a letter or
 * digit: `project="a, b"` and `f('x')` quote, while the apostrophe in `Bob's` is a plain
 * character (otherwise every English contraction inside parentheses would be an unterminated
 * quote). Inside a quote a backslash escapes the next character and the same quote character
 * closes it.
 */
export function opensQuote(text: string, index: number): boolean {
  const character = text[index];
  if (character !== '"' && character !== "'") return false;
  return index === 0 || !/[A-Za-z0-9]/u.test(text[index - 1]);
}

/**
 * Returns the index just after the quote that closes the one opened at `index`, or `undefined`
 * when the text ends first.
 */
export function skipQuoted(text: string, index: number): number | undefined {
  const quote = text[index];
  for (let position = index + 1; position < text.length; position += 1) {
    const character = text[position];
    if (character === '\\') position += 1;
    else if (character === quote) return position + 1;
  }
  return undefined;
}

/**
 * Removes one pair of quotes wrapping the whole (already trimmed) token and resolves its
 * backslash escapes; any other token is returned as is, so JSON values such as
 * `{"temperature": 0.5}` keep their inner quotes.
 */
export function unquoteToken(token: string): string {
  if (token.length < 2 || !opensQuote(token, 0) || skipQuoted(token, 0) !== token.length) return token;
  return token.slice(1, -1).replace(/\\([\s\S])/gu, '$1');
}
