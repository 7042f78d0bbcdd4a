import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutPoints, numRuns } from '../../test/split-bytes.js';
import type { CanonicalMessage } from '../streams/canonical-request.js';
import { createHarness } from './command-test-kit.js';
import { messageText } from './message-identity.js';

const characters = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

// Words never contain the prefix characters, backticks or brackets, so they are plain prose.
const word = characters('abcXYZ019.,;:?-*%<>+', 1, 8);
const separator = characters(' \t\n', 1, 3);
const command = fc.constantFrom('!/hello', '!/temperature(0.5)', '!/set(project=demo)', '!/pwd', '!/model(openai:gpt-4o)');

type Token = { readonly kind: 'word' | 'command'; readonly text: string };
const token: fc.Arbitrary<Token> = fc.oneof(
  word.map((text) => ({ kind: 'word' as const, text })),
  command.map((text) => ({ kind: 'command' as const, text })),
);

const message = fc
  .tuple(fc.array(token, { minLength: 1, maxLength: 8 }), fc.array(separator, { minLength: 8, maxLength: 8 }))
  .map(([tokens, separators]) => ({
    tokens,
    text: tokens.map((entry, index) => (index === 0 ? '' : separators[index - 1]) + entry.text).join(''),
  }));

/** Cuts text into parts only between tokens' characters that are not inside a command. */
function split(text: string, cuts: readonly number[], tokens: readonly Token[]): CanonicalMessage {
  const blocked: [number, number][] = [];
  let position = 0;
  for (const entry of tokens) {
    const start = text.indexOf(entry.text, position);
    if (entry.kind === 'command') blocked.push([start, start + entry.text.length]);
    position = start + entry.text.length;
  }
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))]
    .filter((point) => blocked.every(([start, end]) => point <= start || point >= end))
    .sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  pieces.push(text.slice(start));
  return { role: 'user', content: pieces.map((piece) => ({ type: 'text', text: piece })) };
}

function wordsOf(text: string): string[] {
  return text.split(/\s+/u).filter((piece) => piece !== '');
}

describe('processCommands (properties)', () => {
  it('should never alter the words of the message, only remove the commands', () => {
    fc.assert(
      fc.property(message, ({ tokens, text }) => {
        const harness = createHarness();
        const result = harness.send(text);
        const words = tokens.filter((entry) => entry.kind === 'word').map((entry) => entry.text);
        const hasCommand = tokens.some((entry) => entry.kind === 'command');
        if (words.length === 0) {
          expect(result.kind).toBe('reply');
          return;
        }
        expect(result.kind).toBe('forward');
        if (result.kind !== 'forward') return;
        const forwarded = messageText(result.request.messages[0]) ?? '';
        expect(wordsOf(forwarded)).toEqual(words);
        if (!hasCommand) expect(forwarded).toBe(text);
        expect(forwarded).not.toContain('!/');
      }),
      { numRuns },
    );
  });

  it('should give the same outcome wherever the message is split into parts', () => {
    fc.assert(
      fc.property(message, cutPoints, ({ tokens, text }, cuts) => {
        const whole = createHarness();
        const parts = createHarness();
        const wholeResult = whole.send(text);
        const partsResult = parts.send([split(text, cuts, tokens)]);
        expect(partsResult.kind).toBe(wholeResult.kind);
        expect(parts.session).toEqual(whole.session);
        if (wholeResult.kind === 'reply' && partsResult.kind === 'reply') expect(partsResult.text).toBe(wholeResult.text);
        if (wholeResult.kind === 'forward' && partsResult.kind === 'forward') {
          expect(messageText(partsResult.request.messages[0])).toBe(messageText(wholeResult.request.messages[0]));
        }
      }),
      { numRuns },
    );
  });
});
