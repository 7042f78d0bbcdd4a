import { firstValueFrom, from, lastValueFrom, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { parseSse } from './parse-sse.js';
import type { SseEvent } from './sse-event.js';

const encoder = new TextEncoder();

function parse(pieces: readonly (string | Uint8Array)[]): Promise<SseEvent[]> {
  return lastValueFrom(from(pieces).pipe(parseSse(), toArray()));
}

/** Encodes `text` and cuts the bytes at the given offsets. */
function bytesSplitAt(text: string, ...cuts: number[]): Uint8Array[] {
  const bytes = encoder.encode(text);
  const points = [0, ...cuts, bytes.length];
  return points.slice(1).map((end, index) => bytes.subarray(points[index], end));
}

describe('parseSse', () => {
  it('should parse LF-delimited events', async () => {
    expect(await parse(['data: {"a":1}\n\ndata: 2\n\n'])).toEqual([{ data: '{"a":1}' }, { data: '2' }]);
  });

  it('should parse CRLF-delimited events', async () => {
    expect(await parse(['data: a\r\n\r\ndata: b\r\n\r\n'])).toEqual([{ data: 'a' }, { data: 'b' }]);
  });

  it('should parse CR-only-delimited events', async () => {
    expect(await parse(['data: a\r\rdata: b\r\r'])).toEqual([{ data: 'a' }, { data: 'b' }]);
  });

  it('should treat a CRLF split across two chunks as one line ending', async () => {
    expect(await parse(['data: a\r', '\n\r', '\ndata: b\r', '\n', '\r\n'])).toEqual([{ data: 'a' }, { data: 'b' }]);
  });

  it('should ignore comment lines', async () => {
    expect(await parse([': keep-alive\n\n: ping\ndata: x\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('should join repeated data lines with a newline', async () => {
    expect(await parse(['data: one\ndata: two\ndata:three\n\n'])).toEqual([{ data: 'one\ntwo\nthree' }]);
  });

  it('should strip one leading space and trailing spaces from data lines', async () => {
    expect(await parse(['data:  padded   \n\ndata: {"x":1}  \r\n\r\n'])).toEqual([
      { data: ' padded' },
      { data: '{"x":1}' },
    ]);
  });

  it('should read event and id fields', async () => {
    expect(await parse(['event: message_start\nid: 7\ndata: {}\n\nevent: ping\ndata: {}\n\n'])).toEqual([
      { event: 'message_start', id: '7', data: '{}' },
      { event: 'ping', data: '{}' },
    ]);
  });

  it('should not carry the event name over to the next event', async () => {
    expect(await parse(['event: a\ndata: 1\n\ndata: 2\n\n'])).toEqual([{ event: 'a', data: '1' }, { data: '2' }]);
  });

  it('should emit the last event when the stream ends without a blank line', async () => {
    expect(await parse(['data: 1\n\ndata: last'])).toEqual([{ data: '1' }, { data: 'last' }]);
    expect(await parse(['data: 1\n\ndata: last\n'])).toEqual([{ data: '1' }, { data: 'last' }]);
  });

  it('should emit an event whose data is empty', async () => {
    expect(await parse(['data:\n\ndata: \n\ndata\n\n'])).toEqual([{ data: '' }, { data: '' }, { data: '' }]);
  });

  it('should not emit an event that has no data line', async () => {
    expect(await parse(['event: ping\n\nid: 3\n\n\n\ndata: x\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('should ignore unknown fields', async () => {
    expect(await parse(['retry: 100\nfoo: bar\ndata: x\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('should decode a 4-byte emoji split across chunks', async () => {
    const text = 'data: 😀!\n\n';
    for (const cut of [7, 8, 9, 10]) {
      expect(await parse(bytesSplitAt(text, cut))).toEqual([{ data: '😀!' }]);
    }
    expect(await parse(bytesSplitAt(text, 7, 8, 9, 10))).toEqual([{ data: '😀!' }]);
  });

  it('should decode a 2-byte character split across chunks', async () => {
    expect(await parse(bytesSplitAt('data: 6÷3\n\n', 8))).toEqual([{ data: '6÷3' }]);
  });

  it('should accept string chunks', async () => {
    expect(await parse(['da', 'ta: ', 'x\n', '\n'])).toEqual([{ data: 'x' }]);
  });

  it('should emit each event as soon as its blank line arrives', async () => {
    const input = new Subject<string>();
    const seen: SseEvent[] = [];
    input.pipe(parseSse()).subscribe((event) => seen.push(event));
    input.next('data: 1\n');
    expect(seen).toEqual([]);
    input.next('\n');
    expect(seen).toEqual([{ data: '1' }]);
  });

  it('should pass an upstream error through', async () => {
    const input = new Subject<string>();
    const result = firstValueFrom(input.pipe(parseSse(), toArray()));
    input.next('data: 1\n\n');
    input.error(new Error('socket reset'));
    await expect(result).rejects.toThrow('socket reset');
  });

  it('should unsubscribe from source when the subscriber unsubscribes', () => {
    const input = new Subject<string>();
    const subscription = input.pipe(parseSse()).subscribe();
    expect(input.observed).toBe(true);
    subscription.unsubscribe();
    expect(input.observed).toBe(false);
  });
});
