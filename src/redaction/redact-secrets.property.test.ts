import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { createSecretPrecheck, createSecretRedactor, precheckFitsJson } from './redact-secrets.js';

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const alphanumeric = upper + lower + digits;

/**
 * A random body of `length` characters from `alphabet`, with one digit forced in: real keys are
 * random, and the redactor relies on that for the short, prose-like prefixes (`sk-`, `Bearer`).
 */
function randomBody(alphabet: string, min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }), fc.nat(), fc.constantFrom(...digits))
    .map(([chars, at, digit]) => {
      chars[at % chars.length] = digit;
      return chars.join('');
    });
}

const join =
  (...prefix: string[]) =>
  (rest: string): string =>
    prefix.join('') + rest;

/** One arbitrary per supported format, each producing a key shaped like the real thing. */
const secretArbitrary = fc.oneof(
  randomBody(`${alphanumeric}_-`, 20, 60).map(join('sk', '-')),
  randomBody(`${alphanumeric}_-`, 40, 160).map(join('sk', '-proj-')),
  randomBody(`${alphanumeric}_-`, 40, 100).map(join('sk', '-ant-api03-')),
  randomBody('0123456789abcdef', 64, 64).map(join('sk', '-or-v1-')),
  randomBody(`${alphanumeric}_-`, 35, 35).map(join('AI', 'za')),
  randomBody(alphanumeric, 52, 52).map(join('gs', 'k_')),
  randomBody(alphanumeric, 80, 80).map(join('xa', 'i-')),
  fc.tuple(fc.constantFrom('p', 'o', 'u', 's', 'r'), randomBody(alphanumeric, 36, 36)).map(([kind, rest]) => `gh${kind}_${rest}`),
  randomBody(`${alphanumeric}_`, 82, 82).map(join('github', '_pat_')),
  fc.tuple(fc.constantFrom('AKIA', 'ASIA'), randomBody('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 16)).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom('b', 'p', 'a'), randomBody(`${alphanumeric}-`, 20, 60)).map(([kind, rest]) => `xox${kind}-${rest}`),
  fc.tuple(randomBody('0123456789abcdef', 32, 32), randomBody(alphanumeric, 16, 24)).map(([a, b]) => `${a}.${b}`),
);

/** Keys appear delimited in real text: in quotes, after `=`, on their own line, in a header. */
const closing = [' ', '\n', '\t', '"', "'", '=', ': ', ',', '(', ')', '<', '>', '`'] as const;
const opening = fc.constantFrom(...closing, 'Bearer ', 'Authorization: Bearer ', 'OPENAI_API_KEY=');
const separator = fc.constantFrom(...closing);
const anyText = fc.string({ maxLength: 80 });

describe('createSecretRedactor (properties)', () => {
  it('should never let a key of a known format survive, wherever it sits in random text', () => {
    const redact = createSecretRedactor();
    fc.assert(
      fc.property(anyText, opening, secretArbitrary, separator, anyText, (before, open, secret, close, after) => {
        const { text, count } = redact(before + open + secret + close + after);
        expect(count).toBeGreaterThanOrEqual(1);
        expect(text).not.toContain(secret);
        // No tail of the key may survive either (a partial match would leak most of it).
        const tail = secret.slice(-12);
        if (!before.includes(tail) && !after.includes(tail)) expect(text).not.toContain(tail);
      }),
      { numRuns },
    );
  });

  it('should have a pre-check that sees every secret the redactor replaces, in the text, its JSON, and its UTF-8 bytes read as Latin-1', () => {
    const knownSecret = 'configured-key-0042';
    const options = { knownSecrets: [knownSecret] };
    const redact = createSecretRedactor(options);
    const mayHoldSecret = createSecretPrecheck(options);
    expect(precheckFitsJson(options)).toBe(true);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), opening, fc.oneof(secretArbitrary, fc.constant(knownSecret)), separator, fc.string({ unit: 'binary', maxLength: 40 }), (before, open, secret, close, after) => {
        const text = before + open + secret + close + after;
        if (redact(text).count === 0) return;
        expect(mayHoldSecret(text)).toBe(true);
        expect(mayHoldSecret(JSON.stringify({ text }))).toBe(true);
        expect(mayHoldSecret(Buffer.from(text).toString('latin1'))).toBe(true);
      }),
      { numRuns },
    );
  });

  it('should never let a known value survive, even when it is glued to other text', () => {
    fc.assert(
      fc.property(anyText, fc.string({ minLength: 6, maxLength: 40 }), anyText, (before, secret, after) => {
        fc.pre(secret.trim().length >= 6);
        const redact = createSecretRedactor({ knownSecrets: [secret], patterns: false, marker: '#' });
        expect(redact(before + secret + after).text).not.toContain(secret);
      }),
      { numRuns },
    );
  });

  it('should return text without secrets unchanged', () => {
    const redact = createSecretRedactor();
    const words = fc.constantFrom(
      'task-force', 'sk-', 'sk-abc', 'risk-free', 'Bearer', 'bearer', 'token', 'authentication', 'AKIA', 'ASIA',
      'ASIAPACIFICREGIONALOFFICES', 'xai-grok', 'gsk_', 'ghp_', 'github_pat_', 'AIza', 'hf_', 'xoxb-', 'the', 'quick',
      'function', 'const', 'x = 1;', 'sk-learn-is-a-python-library', 'Authentication', 'camelCase', 'deadbeef', 'README.md', '42', '{"a": [1, 2]}',
    );
    const prose = fc.array(fc.tuple(words, fc.constantFrom(' ', '\n', ', ', '"', ': ')), { maxLength: 40 });
    fc.assert(
      fc.property(prose, (pieces) => {
        const text = pieces.map(([word, gap]) => word + gap).join('');
        expect(redact(text)).toEqual({ text, count: 0 });
      }),
      { numRuns },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: fc.constantFrom(...lower, ' ', '-', '_', '.', '\n') }), (text) => {
        expect(redact(text)).toEqual({ text, count: 0 });
      }),
      { numRuns },
    );
  });
});
