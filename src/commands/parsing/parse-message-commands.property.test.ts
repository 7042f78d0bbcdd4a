import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutPoints, numRuns } from '../../../test/split-bytes.js';
import { findCommands } from './find-commands.js';
import type { FoundCommand } from './found-command.js';
import type { CommandArgument } from './parse-command-arguments.js';
import { parseMessageCommands } from './parse-message-commands.js';
import { stripCommands } from './strip-commands.js';

// Prefixes of different shapes; the generated words never contain their characters.
const prefixes = ['!/', '##', '$$x', '@cmd:'];
const prefix = fc.constantFrom(...prefixes);

const characters = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

// Words: no whitespace, prefix characters, backticks, tildes, quotes or brackets.
const word = characters('abcXYZ019.,;:?-*%<>+', 1, 8);
const safeToken = characters('abcxyz019-_', 1, 6);
const plainValue = characters('abcxyz019:/._-=', 1, 10);
const separator = characters(' \t\n\r', 1, 3);
const edge = characters(' \t\n\r', 0, 2);

interface GeneratedArgument {
  readonly text: string;
  readonly expected: CommandArgument;
}

const argument: fc.Arbitrary<GeneratedArgument> = fc.oneof(
  safeToken.map((key) => ({ text: ` ${key}`, expected: { key, value: '', positional: true } })),
  fc.tuple(safeToken, plainValue).map(([key, value]) => ({
    text: `${key}=${value}`,
    expected: { key, value, positional: false },
  })),
  fc.tuple(safeToken, characters('ab ,()\'"\\=x', 0, 10)).map(([key, value]) => ({
    text: `${key} = "${value.replace(/[\\"]/gu, (character) => `\\${character}`)}"`,
    expected: { key, value, positional: false },
  })),
  fc.tuple(safeToken, safeToken, safeToken, safeToken).map(([key, fn, a, b]) => ({
    text: `${key}=${fn}(${a},${b})`,
    expected: { key, value: `${fn}(${a},${b})`, positional: false },
  })),
);

interface GeneratedCommand {
  readonly name: string;
  readonly suffix: string;
  readonly args: readonly CommandArgument[];
  readonly rawArgs?: string;
}

const command: fc.Arbitrary<GeneratedCommand> = fc
  .tuple(
    fc.constantFrom('hello', 'Help', 'set', 'UNSET', 'route-append', 'no-think', 'x_1'),
    fc.option(fc.tuple(fc.constantFrom('', ' ', '\t '), fc.array(argument, { maxLength: 3 })), {
      nil: undefined,
    }),
  )
  .map(([name, call]) => {
    if (call === undefined) return { name, suffix: '', args: [] };
    const rawArgs = call[1].map((entry) => entry.text).join(',');
    return { name, suffix: `${call[0]}(${rawArgs})`, args: call[1].map((entry) => entry.expected), rawArgs };
  });

type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'command'; readonly command: GeneratedCommand };

const token: fc.Arbitrary<Token> = fc.oneof(
  word.map((text) => ({ kind: 'word' as const, text })),
  command.map((generated) => ({ kind: 'command' as const, command: generated })),
);

interface Scenario {
  readonly prefix: string;
  readonly text: string;
  readonly expectedCommands: FoundCommand[];
  readonly expectedStripped: string;
}

/**
 * Words and commands separated by whitespace runs (so every command sits on a word boundary),
 * with the expected commands and the expected stripped text written out from the seam rules
 * of `planCommandRemoval`, independently of its implementation.
 */
const scenario: fc.Arbitrary<Scenario> = fc
  .tuple(
    prefix,
    fc.array(token, { minLength: 1, maxLength: 8 }),
    fc.array(separator, { minLength: 8, maxLength: 8 }),
    edge,
    edge,
  )
  .map(([chosenPrefix, tokens, inner, lead, trail]) => {
    const separators = [lead, ...inner.slice(0, tokens.length - 1), trail];
    const texts = tokens.map((entry) =>
      entry.kind === 'word' ? entry.text : `${chosenPrefix}${entry.command.name}${entry.command.suffix}`,
    );
    const expectedCommands: FoundCommand[] = [];
    let position = 0;
    tokens.forEach((entry, index) => {
      position += separators[index].length;
      if (entry.kind === 'command') {
        const { name, args, rawArgs } = entry.command;
        const found = { name: name.toLowerCase(), args, start: position, end: position + texts[index].length };
        expectedCommands.push(rawArgs === undefined ? found : { ...found, rawArgs });
      }
      position += texts[index].length;
    });
    const text = tokens.map((_, index) => separators[index] + texts[index]).join('') + separators[tokens.length];
    return { prefix: chosenPrefix, text, expectedCommands, expectedStripped: expectedStrip(tokens, texts, separators) };
  });

/** The seam rules, applied to the token sequence: separators[i] precedes token i. */
function expectedStrip(tokens: readonly Token[], texts: readonly string[], separators: readonly string[]): string {
  const kept = [...separators];
  const removed = tokens.map((entry) => entry.kind === 'command');
  for (let first = 0; first < tokens.length; first += 1) {
    if (!removed[first] || (first > 0 && removed[first - 1])) continue;
    let last = first;
    while (last + 1 < tokens.length && removed[last + 1]) last += 1;
    for (let index = first + 1; index <= last; index += 1) kept[index] = '';
    const left = separators[first];
    const right = separators[last + 1];
    const breaks = (text: string): number => text.split('\n').length - 1;
    if (first === 0 || last === tokens.length - 1) {
      kept[first] = '';
      kept[last + 1] = '';
    } else if (breaks(left) + breaks(right) === 0) {
      kept[first] = left[0];
      kept[last + 1] = '';
    } else if (breaks(right) >= breaks(left)) {
      kept[first] = '';
    } else {
      kept[last + 1] = '';
    }
  }
  return tokens.map((_, index) => kept[index] + (removed[index] ? '' : texts[index])).join('') + kept[tokens.length];
}

/** Arbitrary text full of the characters the scanner cares about, with every prefix removed. */
const noisyText = (chosenPrefix: string): fc.Arbitrary<string> =>
  characters('ab1_ !/#$x@cmd:()[]{}`~"\'\\=,\n\t', 0, 60).map((text) => {
    let result = text;
    while (result.includes(chosenPrefix)) result = result.split(chosenPrefix).join('');
    return result;
  });

function splitOutside(text: string, cuts: readonly number[], spans: readonly FoundCommand[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))]
    .filter((point) => spans.every((span) => point <= span.start || point >= span.end))
    .sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  pieces.push(text.slice(start));
  return pieces;
}

describe('findCommands and stripCommands', () => {
  it('should find nothing and change nothing in text without the prefix', () => {
    fc.assert(
      fc.property(prefix.chain((chosen) => fc.tuple(fc.constant(chosen), noisyText(chosen))), ([chosen, text]) => {
        expect(findCommands(text, chosen)).toEqual([]);
        expect(stripCommands(text, findCommands(text, chosen))).toBe(text);
        expect(parseMessageCommands(text, chosen).strippedParts).toEqual([text]);
      }),
      { numRuns },
    );
  });

  it('should find exactly the inserted commands and strip them with the seam rules', () => {
    fc.assert(
      fc.property(scenario, ({ prefix: chosen, text, expectedCommands, expectedStripped }) => {
        const found = findCommands(text, chosen);
        expect(found).toEqual(expectedCommands);
        expect(stripCommands(text, found)).toBe(expectedStripped);
      }),
      { numRuns },
    );
  });
});

describe('parseMessageCommands', () => {
  it('should not depend on where the message is split into parts outside commands', () => {
    fc.assert(
      fc.property(scenario, cutPoints, ({ prefix: chosen, text }, cuts) => {
        const whole = parseMessageCommands(text, chosen);
        const parts = splitOutside(text, cuts, whole.commands).map((piece) => ({ type: 'text' as const, text: piece }));
        const split = parseMessageCommands(parts, chosen);
        expect(split.commands).toEqual(whole.commands);
        expect(split.strippedParts.join('')).toBe(whole.strippedParts[0]);
        expect(split.onlyCommands).toBe(whole.onlyCommands);
      }),
      { numRuns },
    );
  });

  it('should not depend on the split for noisy text with code spans and malformed commands', () => {
    const noisyWithCommands = prefix.chain((chosen) =>
      fc.tuple(
        fc.constant(chosen),
        fc.array(
          fc.oneof(noisyText(chosen), fc.constantFrom(' !/hello ', ' ##set(a="b, c") ', ' $$xhelp(', ' `@cmd:x` ')),
          { maxLength: 6 },
        ),
      ),
    );
    fc.assert(
      fc.property(noisyWithCommands, cutPoints, ([chosen, pieces], cuts) => {
        const text = pieces.join('');
        const whole = parseMessageCommands(text, chosen);
        const parts = splitOutside(text, cuts, whole.commands).map((piece) => ({ type: 'text' as const, text: piece }));
        const split = parseMessageCommands(parts, chosen);
        expect(split.commands).toEqual(whole.commands);
        expect(split.strippedParts.join('')).toBe(whole.strippedParts[0]);
        expect(split.onlyCommands).toBe(whole.onlyCommands);
      }),
      { numRuns },
    );
  });
});
