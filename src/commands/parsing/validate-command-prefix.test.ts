import { describe, expect, it } from 'vitest';
import { validateCommandPrefix } from './validate-command-prefix.js';

describe('validateCommandPrefix', () => {
  it('should accept the default prefix and other valid prefixes', () => {
    expect(validateCommandPrefix('!/')).toBeUndefined();
    expect(validateCommandPrefix('##x')).toBeUndefined();
    expect(validateCommandPrefix('$$x')).toBeUndefined();
    expect(validateCommandPrefix('abcdefghij')).toBeUndefined();
    expect(validateCommandPrefix('!#')).toBeUndefined();
  });

  it('should give the exact SEED-SPEC §13 item 1 messages', () => {
    expect(validateCommandPrefix('!')).toBe('command prefix must be at least 2 characters');
    expect(validateCommandPrefix('!!')).toBe('two character prefixes cannot repeat the same character');
    expect(validateCommandPrefix('a b')).toBe('command prefix cannot contain whitespace');
    expect(validateCommandPrefix('abcdefghijk')).toBe('command prefix must not exceed 10 characters');
  });

  it('should reject an empty prefix first', () => {
    expect(validateCommandPrefix('')).toBe('command prefix must be a non-empty string');
  });

  it('should reject a non-string value coming from untyped config', () => {
    expect(validateCommandPrefix(42 as unknown as string)).toBe('command prefix must be a non-empty string');
  });

  it('should reject non-printable and non-ASCII characters', () => {
    expect(validateCommandPrefix('!\u0001')).toBe('command prefix must contain only printable characters');
    expect(validateCommandPrefix('§/')).toBe('command prefix must contain only printable characters');
    expect(validateCommandPrefix('😀😀')).toBe('command prefix must contain only printable characters');
  });

  it('should check the rules in the SEED-SPEC order', () => {
    // whitespace before length: ' ' is one character but fails the whitespace rule.
    expect(validateCommandPrefix(' ')).toBe('command prefix cannot contain whitespace');
    expect(validateCommandPrefix('a\tb')).toBe('command prefix cannot contain whitespace');
    // length before printable: a one-character non-ASCII prefix is "too short".
    expect(validateCommandPrefix('§')).toBe('command prefix must be at least 2 characters');
    expect(validateCommandPrefix('§§§§§§§§§§§')).toBe('command prefix must not exceed 10 characters');
    // printable before repeat.
    expect(validateCommandPrefix('\u0001\u0001')).toBe('command prefix must contain only printable characters');
  });
});
