/**
 * Per UTF-16 code unit: 0 = not yet classified, 1 = a letter (`\p{L}`), 2 = not a letter.
 * A 64 KiB table filled lazily: the detector asks twice per character, so a regex per call would
 * dominate its cost. Exported so the detector's hot loop can read `letterTable[code] & 1` inline;
 * a 0 there means: call {@link letterValue} once to classify the code.
 * Surrogate halves count as non-letters (astral characters are mostly emoji).
 */
export const letterTable = new Uint8Array(65536);
const letterPattern = /^\p{L}$/u;

for (let code = 0; code < 128; code += 1) {
  letterTable[code] = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 2;
}

/** 1 when a UTF-16 code unit is a letter, else 0 (classifies and records unseen codes). */
export function letterValue(code: number): number {
  const known = letterTable[code];
  if (known !== 0) return known & 1;
  const value = code >= 0xd800 && code <= 0xdfff ? 2 : letterPattern.test(String.fromCharCode(code)) ? 1 : 2;
  letterTable[code] = value;
  return value & 1;
}

/** Whether the text has at least one letter or digit (a run of punctuation is never a loop). */
export function hasLetterOrDigit(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
