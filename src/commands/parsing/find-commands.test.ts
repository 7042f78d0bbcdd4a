import { describe, expect, it } from 'vitest';
import { findCommands } from './find-commands.js';

describe('findCommands', () => {
  it('should find a command in the middle of a sentence', () => {
    const text = 'please !/set(model=openrouter:x) for this conversation';
    expect(findCommands(text, '!/')).toEqual([
      {
        name: 'set',
        args: [{ key: 'model', value: 'openrouter:x', positional: false }],
        rawArgs: 'model=openrouter:x',
        start: 7,
        end: 32,
      },
    ]);
  });

  it('should find a command without arguments', () => {
    expect(findCommands('!/help', '!/')).toEqual([{ name: 'help', args: [], start: 0, end: 6 }]);
  });

  it('should read !/unset(model, temperature) as two positional arguments', () => {
    const [command] = findCommands('!/unset(model, temperature)', '!/');
    expect(command.args).toEqual([
      { key: 'model', value: '', positional: true },
      { key: 'temperature', value: '', positional: true },
    ]);
  });

  it('should keep colons and slashes in a model selector', () => {
    const [command] = findCommands('!/set(model=openrouter:anthropic/claude-3-haiku:beta)', '!/');
    expect(command.args).toEqual([
      { key: 'model', value: 'openrouter:anthropic/claude-3-haiku:beta', positional: false },
    ]);
  });

  it('should find several commands in one message, in order', () => {
    expect(findCommands('!/hello !/help(set)', '!/')).toEqual([
      { name: 'hello', args: [], start: 0, end: 7 },
      { name: 'help', args: [{ key: 'set', value: '', positional: true }], rawArgs: 'set', start: 8, end: 19 },
    ]);
  });

  it('should keep nested parentheses in a value', () => {
    const [command] = findCommands('!/set(x=f(a,b))', '!/');
    expect(command.args).toEqual([{ key: 'x', value: 'f(a,b)', positional: false }]);
    expect(command.end).toBe(15);
  });

  it('should read a quoted value with commas and a closing parenthesis', () => {
    const [command] = findCommands('!/set(project="my project, v2 :)") ok', '!/');
    expect(command.args).toEqual([{ key: 'project', value: 'my project, v2 :)', positional: false }]);
  });

  it('should allow spaces or tabs, but not a line break, before the parenthesis', () => {
    expect(findCommands('!/help \t(set)', '!/')[0]).toMatchObject({ name: 'help', rawArgs: 'set', end: 13 });
    expect(findCommands('!/help\n(set)', '!/')).toEqual([{ name: 'help', args: [], start: 0, end: 6 }]);
  });

  it('should lower-case the name and stop it at a non-name character', () => {
    expect(findCommands('Try !/Route-Append_2.', '!/')).toEqual([
      { name: 'route-append_2', args: [], start: 4, end: 20 },
    ]);
  });

  it('should work with custom prefixes', () => {
    expect(findCommands('a ##hello b ##set(x=1)', '##').map((command) => command.name)).toEqual(['hello', 'set']);
    expect(findCommands('a $$xhello !/set(x=1)', '$$x')).toEqual([{ name: 'hello', args: [], start: 2, end: 10 }]);
    expect(findCommands('(.*)hello [.*]set', '(.*)')).toEqual([{ name: 'hello', args: [], start: 0, end: 9 }]);
  });

  it('should not take a prefix glued to a preceding word character', () => {
    expect(findCommands('foo!/bar', '!/')).toEqual([]);
    expect(findCommands('see http://a.test_!/x', '!/')).toEqual([]);
    expect(findCommands('(!/hello)', '!/')).toEqual([{ name: 'hello', args: [], start: 1, end: 8 }]);
    expect(findCommands('x:!/hello', '!/')).toEqual([{ name: 'hello', args: [], start: 2, end: 9 }]);
  });

  it('should not take a prefix without a name', () => {
    expect(findCommands('a !/ b !/(x) !/', '!/')).toEqual([]);
  });

  it('should ignore commands in inline code and fenced blocks', () => {
    expect(findCommands('`!/hello`', '!/')).toEqual([]);
    expect(findCommands('use ``!/set(x=1)`` to', '!/')).toEqual([]);
    expect(findCommands('```\n!/hello\n```', '!/')).toEqual([]);
    expect(findCommands('~~~md\n!/hello\n~~~\n!/help', '!/')).toEqual([{ name: 'help', args: [], start: 18, end: 24 }]);
  });

  it('should not find a second command inside the arguments of the first', () => {
    expect(findCommands('!/set(project="!/hello") !/help', '!/').map((command) => command.name)).toEqual([
      'set',
      'help',
    ]);
  });

  it('should leave an unterminated argument list out and keep scanning after the name', () => {
    expect(findCommands('!/set(model=x !/hello', '!/')).toEqual([{ name: 'hello', args: [], start: 14, end: 21 }]);
  });

  it('should only return known commands when a set is given', () => {
    const known = new Set(['hello', 'help']);
    expect(findCommands('!/hello !/hellp !/HELP', '!/', known).map((command) => command.name)).toEqual([
      'hello',
      'help',
    ]);
  });

  it('should throw GW_ERR_INTERNAL for an empty prefix', () => {
    expect(() => findCommands('x', '')).toThrow(expect.objectContaining({ code: 'GW_ERR_INTERNAL' }));
  });

  it('should take the last possible start inside a run of repeated prefix characters', () => {
    // `###hello`: the `##` at 0 has no name after it; the one at 1 is preceded by `#`, not a word character.
    expect(findCommands('###hello', '##')).toEqual([{ name: 'hello', args: [], start: 1, end: 8 }]);
  });
});
