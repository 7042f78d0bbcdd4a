/** The default in-chat command prefix (SEED-SPEC §3.1). */
export const defaultCommandPrefix = '!/';

/**
 * Checks a command prefix against the rules of SEED-SPEC §3.1, in the original's order, and
 * returns the first failing message (the exact text the original replied with), or `undefined`
 * when the prefix is valid.
 *
 * Lengths count code points, so an astral character counts once; it then fails the printable
 * ASCII rule anyway.
 *
 * @param prefix the candidate prefix (from config, CLI or `!/set(command-prefix=…)`)
 * @example
 * validateCommandPrefix('!/'); // undefined
 * validateCommandPrefix('!!'); // 'two character prefixes cannot repeat the same character'
 */
export function validateCommandPrefix(prefix: string): string | undefined {
  // The value can come from untyped YAML or env; the first rule also covers non-strings.
  if (typeof prefix !== 'string' || prefix.length === 0) return 'command prefix must be a non-empty string';
  if (/\s/u.test(prefix)) return 'command prefix cannot contain whitespace';
  const characters = [...prefix];
  if (characters.length < 2) return 'command prefix must be at least 2 characters';
  if (characters.length > 10) return 'command prefix must not exceed 10 characters';
  if (!/^[\x20-\x7e]+$/u.test(prefix)) return 'command prefix must contain only printable characters';
  if (characters.length === 2 && characters[0] === characters[1]) {
    return 'two character prefixes cannot repeat the same character';
  }
  return undefined;
}
