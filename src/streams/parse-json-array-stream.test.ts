import { firstValueFrom, from, lastValueFrom, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { isGatewayError, type GatewayError } from '../errors/gateway-error.js';
import { readFixtureLines } from '../../test/fixtures/read-fixture.js';
import { parseJsonArrayStream } from './parse-json-array-stream.js';
import type { SseEvent } from './sse-event.js';

function parse(pieces: readonly (string | Uint8Array)[]): Promise<SseEvent[]> {
  return lastValueFrom(from(pieces).pipe(parseJsonArrayStream(), toArray()));
}

function failure(pieces: readonly string[]): Promise<GatewayError> {
  return parse(pieces).then(
    () => {
      throw new Error('expected the stream to error');
    },
    (error: unknown) => {
      if (!isGatewayError(error)) throw error;
      return error;
    },
  );
}

describe('parseJsonArrayStream', () => {
  it('should emit each element of a Gemini JSON array stream', async () => {
    expect(await parse(['[{"a":1}\r\n,\r\n{"b":[2,3]},\r\n{"c":{"d":"e"}}\r\n]'])).toEqual([
      { data: '{"a":1}' },
      { data: '{"b":[2,3]}' },
      { data: '{"c":{"d":"e"}}' },
    ]);
  });

  it('should emit each element as soon as it closes', () => {
    const input = new Subject<string>();
    const seen: string[] = [];
    input.pipe(parseJsonArrayStream()).subscribe((event) => seen.push(event.data));
    input.next('[{"a":');
    expect(seen).toEqual([]);
    input.next('1}');
    expect(seen).toEqual(['{"a":1}']);
    input.next(',\r\n{"b":2');
    expect(seen).toEqual(['{"a":1}']);
    input.next('}');
    expect(seen).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('should not end an element on brackets, braces or escaped quotes inside strings', async () => {
    const element = '{"text":"a ] b } c \\" [ { d \\\\","n":[{"x":"]"}]}';
    expect(await parse([`[${element},${element}]`])).toEqual([{ data: element }, { data: element }]);
    expect(JSON.parse(element)).toEqual({ text: 'a ] b } c " [ { d \\', n: [{ x: ']' }] });
  });

  it('should handle an element split at every position', async () => {
    const text = '[{"t":"x\\"]}÷"},\r\n{"u":[1,{"v":"😀"}]}]';
    for (let cut = 0; cut <= text.length; cut++) {
      expect(await parse([text.slice(0, cut), text.slice(cut)])).toEqual([
        { data: '{"t":"x\\"]}÷"}' },
        { data: '{"u":[1,{"v":"😀"}]}' },
      ]);
    }
  });

  it('should decode multi-byte characters split across byte chunks', async () => {
    const bytes = new TextEncoder().encode('[{"e":"😀"},{"d":"÷"}]');
    const pieces = Array.from(bytes, (_, index) => bytes.subarray(index, index + 1));
    expect(await parse(pieces)).toEqual([{ data: '{"e":"😀"}' }, { data: '{"d":"÷"}' }]);
  });

  it('should emit an upstream error element as it is', async () => {
    const error = '{"error":{"code":429,"message":"Resource exhausted","status":"RESOURCE_EXHAUSTED"}}';
    expect(await parse([`[${error}\n]`])).toEqual([{ data: error }]);
  });

  it('should emit nothing for an empty array', async () => {
    expect(await parse(['  [ \r\n ]  '])).toEqual([]);
  });

  it('should emit string, number, literal and array elements', async () => {
    expect(await parse(['["a,]", -1.5e3 , true,null,[1,[2]]]'])).toEqual([
      { data: '"a,]"' },
      { data: '-1.5e3' },
      { data: 'true' },
      { data: 'null' },
      { data: '[1,[2]]' },
    ]);
  });

  it('should emit a bare top-level object as one element', async () => {
    expect(await parse(['{"error":{"code":404}}\n'])).toEqual([{ data: '{"error":{"code":404}}' }]);
  });

  it('should complete quietly when the closing bracket never comes', async () => {
    expect(await parse(['[{"a":1},\r\n'])).toEqual([{ data: '{"a":1}' }]);
  });

  it('should match a recorded Gemini stream re-wrapped as a JSON array', async () => {
    const lines = readFixtureLines('gemini/google-text.chunks.txt');
    const body = `[${lines.join(',\r\n')}]`;
    const pieces = body.match(/[\s\S]{1,7}/g) ?? [];
    expect((await parse(pieces)).map((event) => event.data)).toEqual(lines);
  });

  it('should error with GW_ERR_UPSTREAM_PROTOCOL when the body ends inside an element', async () => {
    expect((await failure(['[{"a":"b'])).code).toBe('GW_ERR_UPSTREAM_PROTOCOL');
  });

  it('should error with GW_ERR_UPSTREAM_PROTOCOL on text that is not JSON', async () => {
    expect((await failure(['<html>502 Bad Gateway</html>'])).code).toBe('GW_ERR_UPSTREAM_PROTOCOL');
    expect((await failure(['[{"a":1}, oops]'])).code).toBe('GW_ERR_UPSTREAM_PROTOCOL');
    expect((await failure(['[{"a":1}] trailing'])).code).toBe('GW_ERR_UPSTREAM_PROTOCOL');
  });

  it('should pass an upstream error through', async () => {
    const input = new Subject<string>();
    const result = firstValueFrom(input.pipe(parseJsonArrayStream(), toArray()));
    input.next('[{"a":');
    input.error(new Error('socket reset'));
    await expect(result).rejects.toThrow('socket reset');
  });

  it('should unsubscribe from source after a protocol error', () => {
    const input = new Subject<string>();
    input.pipe(parseJsonArrayStream()).subscribe({ error: () => undefined });
    input.next('nonsense');
    expect(input.observed).toBe(false);

    const second = new Subject<string>();
    second.pipe(parseJsonArrayStream()).subscribe({ error: () => undefined });
    second.next('[{}, ?');
    expect(second.observed).toBe(false);
  });

  it('should unsubscribe from source when the subscriber unsubscribes', () => {
    const input = new Subject<string>();
    const subscription = input.pipe(parseJsonArrayStream()).subscribe();
    expect(input.observed).toBe(true);
    subscription.unsubscribe();
    expect(input.observed).toBe(false);
  });
});
