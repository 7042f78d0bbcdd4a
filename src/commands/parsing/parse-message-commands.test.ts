import { describe, expect, it } from 'vitest';
import { parseMessageCommands, type TextContentPart } from './parse-message-commands.js';

function parts(...texts: string[]): TextContentPart[] {
  return texts.map((text) => ({ type: 'text', text }));
}

describe('parseMessageCommands', () => {
  it('should find and strip commands in a string message', () => {
    expect(parseMessageCommands('please !/set(model=openrouter:x) for this conversation', '!/')).toEqual({
      commands: [
        {
          name: 'set',
          args: [{ key: 'model', value: 'openrouter:x', positional: false }],
          rawArgs: 'model=openrouter:x',
          start: 7,
          end: 32,
        },
      ],
      malformed: [],
      strippedParts: ['please for this conversation'],
      onlyCommands: false,
    });
  });

  it('should flag a message that is only commands', () => {
    const result = parseMessageCommands('  !/set(model=openrouter:gpt-4)\n!/hello  ', '!/');
    expect(result.commands.map((command) => command.name)).toEqual(['set', 'hello']);
    expect(result.strippedParts).toEqual(['']);
    expect(result.onlyCommands).toBe(true);
  });

  it('should not flag a message without commands, even an empty one', () => {
    const empty = { commands: [], malformed: [], strippedParts: [''], onlyCommands: false };
    expect(parseMessageCommands('', '!/')).toEqual(empty);
    expect(parseMessageCommands(parts(), '!/').onlyCommands).toBe(false);
  });

  it('should find commands in several parts with offsets into the joined text', () => {
    const result = parseMessageCommands(parts('<reminder>x</reminder>', 'do it !/hello', '\n!/help'), '!/');
    expect(result.commands).toEqual([
      { name: 'hello', args: [], start: 28, end: 35 },
      { name: 'help', args: [], start: 36, end: 42 },
    ]);
    expect(result.strippedParts).toEqual(['<reminder>x</reminder>', 'do it', '']);
    expect(result.onlyCommands).toBe(false);
  });

  it('should flag parts that are all commands', () => {
    const result = parseMessageCommands(parts('!/hello', ' ', '!/help(set)'), '!/');
    expect(result.strippedParts).toEqual(['', '', '']);
    expect(result.onlyCommands).toBe(true);
  });

  it('should tidy a seam that falls on a part boundary like the joined text', () => {
    const result = parseMessageCommands(parts('please ', '!/set(x=1)', ' for this'), '!/');
    expect(result.strippedParts).toEqual(['please ', '', 'for this']);
    expect(result.strippedParts.join('')).toBe('please for this');
  });

  it('should not take a command split across two parts', () => {
    const result = parseMessageCommands(parts('a !/set(x=', '1) b'), '!/');
    expect(result.commands).toEqual([]);
    expect(result.malformed).toEqual([]);
    expect(result.strippedParts).toEqual(['a !/set(x=', '1) b']);
    expect(parseMessageCommands(parts('a !/hel', 'lo'), '!/').commands).toEqual([]);
  });

  it('should read parts as one text: a word ending one part glues to a prefix starting the next', () => {
    expect(parseMessageCommands(parts('word', '!/hello'), '!/').commands).toEqual([]);
    expect(parseMessageCommands(parts('word ', '!/hello'), '!/').commands).toHaveLength(1);
  });

  it('should honour code spans that cross parts', () => {
    expect(parseMessageCommands(parts('a `x ', '!/hello` b'), '!/').commands).toEqual([]);
  });

  it('should report unknown and malformed commands and keep them in the text', () => {
    const result = parseMessageCommands('!/hellp !/set(x=1', '!/', new Set(['hello', 'set']));
    expect(result.commands).toEqual([]);
    expect(result.malformed.map((entry) => [entry.name, entry.reason])).toEqual([
      ['hellp', 'unknown-command'],
      ['set', 'unterminated-arguments'],
    ]);
    expect(result.strippedParts).toEqual(['!/hellp !/set(x=1']);
    expect(result.onlyCommands).toBe(false);
  });

  it('should strip known commands next to an unknown one and not call the message command-only', () => {
    const result = parseMessageCommands('!/hello !/nonexistentcmd', '!/', new Set(['hello']));
    expect(result.commands.map((command) => command.name)).toEqual(['hello']);
    expect(result.strippedParts).toEqual(['!/nonexistentcmd']);
    expect(result.onlyCommands).toBe(false);
  });
});
