import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { parseSse } from './parse-sse.js';
import { serializeSse, serializeSseComment } from './serialize-sse.js';
import type { SseEvent } from './sse-event.js';

function roundTrip(events: readonly SseEvent[]): Promise<SseEvent[]> {
  return lastValueFrom(from([events.map(serializeSse).join('')]).pipe(parseSse(), toArray()));
}

describe('serializeSse', () => {
  it('should write a data-only event', () => {
    expect(serializeSse({ data: '{"a":1}' })).toBe('data: {"a":1}\n\n');
  });

  it('should write the event name before the data', () => {
    expect(serializeSse({ event: 'ping', data: '{"type":"ping"}' })).toBe('event: ping\ndata: {"type":"ping"}\n\n');
  });

  it('should write the id field when present', () => {
    expect(serializeSse({ event: 'e', id: '42', data: 'x' })).toBe('event: e\nid: 42\ndata: x\n\n');
  });

  it('should write one data line per line of multi-line data', () => {
    expect(serializeSse({ data: 'one\ntwo\n\nfour' })).toBe('data: one\ndata: two\ndata: \ndata: four\n\n');
  });

  it('should write an empty data line for empty data', () => {
    expect(serializeSse({ data: '' })).toBe('data: \n\n');
  });

  it('should round-trip through parseSse', async () => {
    const events: SseEvent[] = [
      { event: 'message_start', data: '{"type":"message_start","message":{"content":[]}}' },
      { data: 'first\nsecond\n\nfourth' },
      { data: '' },
      { data: '[DONE]' },
      { event: 'delta', id: '9', data: '{"text":"÷ 😀 \\"quoted\\""}' },
      { data: ' leading space kept' },
    ];
    expect(await roundTrip(events)).toEqual(events);
  });
});

describe('serializeSseComment', () => {
  it('should write a comment that parseSse ignores', async () => {
    const text = serializeSseComment('keep-alive') + serializeSse({ data: 'x' });
    expect(serializeSseComment('keep-alive')).toBe(': keep-alive\n\n');
    expect(await lastValueFrom(from([text]).pipe(parseSse(), toArray()))).toEqual([{ data: 'x' }]);
  });
});
