import { describe, expect, it } from 'vitest';
import { parseCommandArguments, type ParsedArguments } from './parse-command-arguments.js';

function args(text: string): ParsedArguments {
  return parseCommandArguments(text);
}

describe('parseCommandArguments', () => {
  it('should split key=value pairs on top-level commas and trim both sides', () => {
    expect(args(' model = openrouter:x ,temperature=0.5')).toEqual({
      ok: true,
      args: [
        { key: 'model', value: 'openrouter:x', positional: false },
        { key: 'temperature', value: '0.5', positional: false },
      ],
    });
  });

  it('should read bare tokens as positional arguments with an empty value', () => {
    expect(args('model, temperature')).toEqual({
      ok: true,
      args: [
        { key: 'model', value: '', positional: true },
        { key: 'temperature', value: '', positional: true },
      ],
    });
  });

  it('should split on the first = only', () => {
    expect(args('url=https://x.test/?a=b')).toEqual({
      ok: true,
      args: [{ key: 'url', value: 'https://x.test/?a=b', positional: false }],
    });
  });

  it('should keep colons and slashes in selectors', () => {
    expect(args('model=openrouter:anthropic/claude-3-haiku:beta')).toEqual({
      ok: true,
      args: [{ key: 'model', value: 'openrouter:anthropic/claude-3-haiku:beta', positional: false }],
    });
  });

  it('should remove quotes wrapping a value and keep the commas inside', () => {
    expect(args('project="my project, v2"')).toEqual({
      ok: true,
      args: [{ key: 'project', value: 'my project, v2', positional: false }],
    });
    expect(args("project='it''s'")).toEqual({
      ok: true,
      args: [{ key: 'project', value: "'it''s'", positional: false }],
    });
  });

  it('should resolve backslash escapes inside quotes and keep quoted whitespace', () => {
    expect(args('a="say \\"hi\\", \\\\ ok", b=\' x \'')).toEqual({
      ok: true,
      args: [
        { key: 'a', value: 'say "hi", \\ ok', positional: false },
        { key: 'b', value: ' x ', positional: false },
      ],
    });
  });

  it('should not split on = or commas inside quotes', () => {
    expect(args('"a=b, c"')).toEqual({ ok: true, args: [{ key: 'a=b, c', value: '', positional: true }] });
  });

  it('should keep nested parentheses, braces and brackets whole', () => {
    expect(args('x=f(a,b), y={"a": [1, 2], "b": "c)"}, z=[1,2]')).toEqual({
      ok: true,
      args: [
        { key: 'x', value: 'f(a,b)', positional: false },
        { key: 'y', value: '{"a": [1, 2], "b": "c)"}', positional: false },
        { key: 'z', value: '[1,2]', positional: false },
      ],
    });
  });

  it('should treat an apostrophe inside a word as a plain character', () => {
    expect(args("project=Bob's app, x")).toEqual({
      ok: true,
      args: [
        { key: 'project', value: "Bob's app", positional: false },
        { key: 'x', value: '', positional: true },
      ],
    });
  });

  it('should skip empty pieces', () => {
    expect(args('')).toEqual({ ok: true, args: [] });
    expect(args('  ')).toEqual({ ok: true, args: [] });
    expect(args('a,, b,')).toEqual({
      ok: true,
      args: [
        { key: 'a', value: '', positional: true },
        { key: 'b', value: '', positional: true },
      ],
    });
  });

  it('should keep an empty value and an empty key as written', () => {
    expect(args('name=, =x')).toEqual({
      ok: true,
      args: [
        { key: 'name', value: '', positional: false },
        { key: '', value: 'x', positional: false },
      ],
    });
  });

  it('should report an unterminated quote', () => {
    expect(args('project="abc')).toMatchObject({ ok: false, reason: 'unterminated-quote' });
    expect(args("a='x\\'")).toMatchObject({ ok: false, reason: 'unterminated-quote' });
  });

  it('should report unbalanced brackets', () => {
    expect(args('x=f(a')).toMatchObject({ ok: false, reason: 'unbalanced-brackets' });
    expect(args('x=a)')).toMatchObject({ ok: false, reason: 'unbalanced-brackets' });
    expect(args('x={a]')).toMatchObject({ ok: false, reason: 'unbalanced-brackets' });
    expect(args('x=[1, 2')).toMatchObject({ ok: false, reason: 'unbalanced-brackets' });
  });
});
