import { from } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { CaptureContext, CaptureEntry } from '../observability/capture-entry.js';
import { createCaptureSequence } from '../observability/capture-sequence.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { entrySink } from '../../test/capture-entry-sink.js';
import { captureWire } from './capture-wire.js';

const context: CaptureContext = {
  sessionId: 'session-1',
  backend: 'openai',
  model: 'gpt-4o',
  keyName: 'OPENAI_API_KEY',
  source: 'proxy',
  destination: 'openai',
  requestId: 'req_1',
  clientHost: '127.0.0.1',
  userAgent: 'test/1.0',
};

const key = ['sk', '-proj-', 'Ab12Cd34Ef56Gh78Ij90KlMn'].join('');
const values: Record<string, CanonicalChunk> = {
  r: { type: 'raw', rawValue: 'data: {"choices":[{"delta":{"content":"hi"}}]}\n\n' },
  k: { type: 'raw', rawValue: `data: {"echo":"${key}"}\n\n` },
  s: { type: 'text-start', id: 't' },
  d: { type: 'text-delta', id: 't', delta: 'hi' },
  e: { type: 'text-end', id: 't' },
  f: { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} },
};

function setup(): { entries: CaptureEntry[]; scheduler: TestScheduler } {
  const entries: CaptureEntry[] = [];
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  return { entries, scheduler };
}

const summary = (entries: readonly CaptureEntry[]): string[] =>
  entries.map((entry) => `${entry.direction}:${String(entry.metadata.protocol_event ?? entry.metadata.chunk_number ?? entry.metadata.reason ?? '')}`);

describe('captureWire', () => {
  it('should pass streams with raw reads through and capture one numbered chunk per read, as text', () => {
    const { entries, scheduler } = setup();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-r-s-d-r-d-e-f-|', values);
      const subs = '       ^--------------!';
      const expected = '   -r-s-d-r-d-e-f-|';
      const sink = entrySink(entries);
      expectObservable(source.pipe(captureWire({ sink, context, now: () => scheduler.now() }))).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
    expect(summary(entries)).toEqual(['stream_start:', 'stream_chunk:1', 'stream_chunk:2', 'stream_end:complete']);
    expect(entries[1]).toMatchObject({ payload: values.r?.type === 'raw' ? values.r.rawValue : undefined, content_type: 'text', content_length: 48 });
    expect(entries.at(-1)?.metadata).toMatchObject({ reason: 'complete', chunk_count: 2, duration_ms: 15, request_id: 'req_1' });
    expect(entries.at(-1)?.timestamp_unix).toBe(0.015);
  });

  it('should capture canonical chunks when no raw frames flow', () => {
    const { entries, scheduler } = setup();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-s-d-e-f-|', values);
      const subs = '       ^--------!';
      const sink = entrySink(entries);
      expectObservable(source.pipe(captureWire({ sink, context, now: () => scheduler.now() }))).toBe('-s-d-e-f-|', values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
    expect(summary(entries)).toEqual([
      'stream_start:',
      'stream_chunk:text-start',
      'stream_chunk:text-delta',
      'stream_chunk:text-end',
      'stream_chunk:finish',
      'stream_end:complete',
    ]);
    expect(entries[2]?.payload).toEqual(values.d);
  });

  it('should write stream_end with the error when the source errors, and pass the error on', () => {
    const { entries, scheduler } = setup();
    const failure = { code: 'GW_ERR_UPSTREAM_PROTOCOL', message: `bad frame with Bearer ${key}` };
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-r-#', values, failure);
      const subs = '       ^--!';
      const sink = entrySink(entries);
      expectObservable(source.pipe(captureWire({ sink, context, now: () => scheduler.now() }))).toBe('-r-#', values, failure);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
    expect(summary(entries)).toEqual(['stream_start:', 'stream_chunk:1', 'stream_end:error']);
    expect(entries.at(-1)?.metadata.error).toEqual({ code: 'GW_ERR_UPSTREAM_PROTOCOL', message: 'bad frame with Bearer [REDACTED]' });
  });

  it('should redact keys inside raw reads', () => {
    const entries: CaptureEntry[] = [];
    from([values.k!]).pipe(captureWire({ sink: entrySink(entries), context, now: () => 0 })).subscribe();
    expect(entries[1]?.payload).toBe('data: {"echo":"[REDACTED]"}\n\n');
  });

  it('should capture raw reads and stop them there when asked to consume them', () => {
    const entries: CaptureEntry[] = [];
    const output: CanonicalChunk[] = [];
    from([values.r!, values.d!, values.r!, values.f!])
      .pipe(captureWire({ sink: entrySink(entries), context, now: () => 0, consumeRaw: true }))
      .subscribe((chunk) => output.push(chunk));
    expect(output).toEqual([values.d, values.f]);
    expect(summary(entries)).toEqual(['stream_start:', 'stream_chunk:1', 'stream_chunk:2', 'stream_end:complete']);
  });

  it('should keep the stream alive when the sink throws', () => {
    const output: CanonicalChunk[] = [];
    const sink = {
      write: () => {
        throw new Error('disk gone');
      },
    };
    from([values.s!, values.e!]).pipe(captureWire({ sink, context, now: () => 0 })).subscribe((chunk) => output.push(chunk));
    expect(output).toEqual([values.s, values.e]);
  });

  it('should number entries from the given sequence', () => {
    const entries: CaptureEntry[] = [];
    const nextSequence = createCaptureSequence();
    from([values.r!]).pipe(captureWire({ sink: entrySink(entries), context, now: () => 0, nextSequence })).subscribe();
    expect(entries.map((entry) => entry.sequence)).toEqual([1, 2, 3]);
  });

  it('should unsubscribe from source and write stream_end with reason unsubscribe when the client leaves', () => {
    const { entries, scheduler } = setup();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-r-r-r-r-|', values);
      const unsub = '      ----!';
      const subs = '       ^---!';
      const sink = entrySink(entries);
      expectObservable(source.pipe(captureWire({ sink, context, now: () => scheduler.now() })), unsub).toBe('-r-r', values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
    expect(summary(entries)).toEqual(['stream_start:', 'stream_chunk:1', 'stream_chunk:2', 'stream_end:unsubscribe']);
  });
});
