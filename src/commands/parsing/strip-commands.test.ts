import { describe, expect, it } from 'vitest';
import { findCommands } from './find-commands.js';
import { stripCommands } from './strip-commands.js';

function strip(text: string, prefix = '!/'): string {
  return stripCommands(text, findCommands(text, prefix));
}

describe('stripCommands', () => {
  it('should leave a single space where a command sat between words', () => {
    expect(strip('please !/set(model=openrouter:x) for this conversation')).toBe('please for this conversation');
  });

  it('should trim the end a trailing command leaves', () => {
    expect(strip('Some text !/hello')).toBe('Some text');
    expect(strip('Some context\n\n   !/set(model=openrouter:gpt-4)   ')).toBe('Some context');
  });

  it('should trim the start a leading command leaves', () => {
    expect(strip('!/hello Some text')).toBe('Some text');
    expect(strip('  \n!/hello\n\nSome text')).toBe('Some text');
  });

  it('should strip a message that is only commands to nothing', () => {
    expect(strip('!/hello !/help(set)')).toBe('');
    expect(strip('  !/hello\n\n!/set(x=1)  \n')).toBe('');
  });

  it('should treat commands separated only by whitespace as one removal', () => {
    expect(strip('a !/hello  \t !/help b')).toBe('a b');
  });

  it('should keep line structure around a command on its own line', () => {
    expect(strip('line one\n!/hello\nline two')).toBe('line one\nline two');
    expect(strip('para one\n\n!/hello\n\npara two')).toBe('para one\n\npara two');
    expect(strip('text !/hello\nmore')).toBe('text\nmore');
    expect(strip('text\n!/hello more')).toBe('text\nmore');
    expect(strip('  code\n  !/hello\n    indented')).toBe('  code\n    indented');
    expect(strip('a\r\n!/hello\r\nb')).toBe('a\r\nb');
  });

  it('should not insert a space where none was', () => {
    expect(strip('(!/hello)')).toBe('()');
    expect(strip('say:!/hello now')).toBe('say: now');
    expect(strip('a !/hello, b')).toBe('a , b');
  });

  it('should leave whitespace away from the commands untouched', () => {
    expect(strip('  lead  !/hello  mid   tail  ')).toBe('  lead mid   tail  ');
    expect(strip('a  b\n\n\nc')).toBe('a  b\n\n\nc');
  });

  it('should leave non-commands, code and malformed commands in place', () => {
    expect(strip('use `!/hello` or !/set(x=1 here')).toBe('use `!/hello` or !/set(x=1 here');
  });

  it('should accept spans in any order', () => {
    const text = 'a !/x b !/y c';
    expect(stripCommands(text, [...findCommands(text, '!/')].reverse())).toBe('a b c');
  });
});
