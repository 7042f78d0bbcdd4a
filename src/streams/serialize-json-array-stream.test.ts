import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { parseJsonArrayStream } from './parse-json-array-stream.js';
import { createJsonArrayWriter } from './serialize-json-array-stream.js';

describe('createJsonArrayWriter', () => {
  it('should write elements separated the way Gemini separates them', () => {
    const writer = createJsonArrayWriter();
    const body = [writer.start(), writer.element('{"a":1}'), writer.element('{"b":2}'), writer.element('{"c":3}'), writer.end()];
    expect(body).toEqual(['[', '{"a":1}', ',\r\n{"b":2}', ',\r\n{"c":3}', ']']);
    expect(JSON.parse(body.join(''))).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('should write an empty array when there are no elements', () => {
    const writer = createJsonArrayWriter();
    expect(writer.start() + writer.end()).toBe('[]');
  });

  it('should keep separate state per writer', () => {
    const first = createJsonArrayWriter();
    const second = createJsonArrayWriter();
    first.element('1');
    expect(second.element('2')).toBe('2');
    expect(first.element('3')).toBe(',\r\n3');
  });

  it('should round-trip through parseJsonArrayStream', async () => {
    const writer = createJsonArrayWriter();
    const elements = ['{"text":"],}\\""}', '{"error":{"code":429}}'];
    const pieces = [writer.start(), ...elements.map(writer.element), writer.end()];
    const events = await lastValueFrom(from(pieces).pipe(parseJsonArrayStream(), toArray()));
    expect(events).toEqual(elements.map((data) => ({ data })));
  });
});
