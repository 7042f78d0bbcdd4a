/**
 * 1 when a UTF-16 code unit is a letter (`\p{L}`), else 0. A 64 KiB table filled lazily: the
 * short detector asks for every character of a window it judges, so a regex per call would
 * dominate its cost.
 * Surrogate halves count as non-letters (astral characters are mostly emoji).
 */
const table = new Uint8Array(65536); // 0 = not yet classified, 1 = letter, 2 = not a letter
const letterPattern = /^\p{L}$/u;

for (let code = 0; code < 128; code += 1) {
  table[code] = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 2;
}

export function letterValue(code: number): number {
  const known = table[code];
  if (known !== 0) return known & 1;
  const value = code >= 0xd800 && code <= 0xdfff ? 2 : letterPattern.test(String.fromCharCode(code)) ? 1 : 2;
  table[code] = value;
  return value & 1;
}

/** Whether the text has at least one letter or digit (a run of punctuation is never a loop). */
export function hasLetterOrDigit(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
