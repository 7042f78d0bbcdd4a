import fc from 'fast-check';
import { Observable, take } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import type { CaptureEntry } from '../observability/capture-entry.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { entrySink } from '../../test/capture-entry-sink.js';
import { captureWire } from './capture-wire.js';

const chunkArbitrary: fc.Arbitrary<CanonicalChunk> = fc.oneof(
  fc.string().map((text): CanonicalChunk => ({ type: 'raw', rawValue: text })),
  fc.string().map((delta): CanonicalChunk => ({ type: 'text-delta', id: 't', delta })),
  fc.constant<CanonicalChunk>({ type: 'usage', usage: { inputTokens: 3 } }),
);

/** How a run ends: the source completes, errors, or the subscriber leaves after `n` chunks. */
const endingArbitrary = fc.oneof(
  fc.constant({ kind: 'complete' as const }),
  fc.constant({ kind: 'error' as const }),
  fc.nat({ max: 30 }).map((count) => ({ kind: 'take' as const, count })),
);

describe('captureWire (properties)', () => {
  it('should pass chunks through unchanged (raw ones too unless consumed), tear down every subscription, and write one start and one end', () => {
    fc.assert(
      fc.property(fc.array(chunkArbitrary, { maxLength: 30 }), endingArbitrary, fc.boolean(), (chunks, ending, consumeRaw) => {
        let subscriptions = 0;
        let teardowns = 0;
        const source = new Observable<CanonicalChunk>((subscriber) => {
          subscriptions += 1;
          for (const chunk of chunks) {
            if (subscriber.closed) break;
            subscriber.next(chunk);
          }
          if (ending.kind === 'error') subscriber.error(new Error('boom'));
          else subscriber.complete();
          return () => {
            teardowns += 1;
          };
        });
        const entries: CaptureEntry[] = [];
        const output: CanonicalChunk[] = [];
        let captured = source.pipe(captureWire({ sink: entrySink(entries), context: { source: 'p', destination: 'b' }, now: () => 0, consumeRaw }));
        if (ending.kind === 'take') captured = captured.pipe(take(ending.count));
        captured.subscribe({ next: (chunk) => output.push(chunk), error: () => undefined });

        const passed = consumeRaw ? chunks.filter((chunk) => chunk.type !== 'raw') : chunks;
        const expected = ending.kind === 'take' ? passed.slice(0, ending.count) : passed;
        expect(output).toEqual(expected);
        output.forEach((chunk, index) => expect(chunk).toBe(expected[index]));
        expect(teardowns).toBe(subscriptions);
        // take(0) never subscribes at all: one start and one end per subscription, not per run.
        expect(entries.filter((entry) => entry.direction === 'stream_start')).toHaveLength(subscriptions);
        expect(entries.filter((entry) => entry.direction === 'stream_end')).toHaveLength(subscriptions);
        if (subscriptions === 0) return;
        expect(entries[0]?.direction).toBe('stream_start');
        expect(entries.at(-1)?.direction).toBe('stream_end');
        // The source chunks the operator saw: all of them, or up to the one that filled take(n).
        let seen = chunks;
        if (ending.kind === 'take') {
          let passedCount = 0;
          const last = chunks.findIndex((chunk) => (consumeRaw && chunk.type === 'raw' ? false : ++passedCount === ending.count));
          if (last !== -1) seen = chunks.slice(0, last + 1);
        }
        const firstRaw = seen.findIndex((chunk) => chunk.type === 'raw');
        const capturedChunks = seen.filter((chunk, index) => chunk.type === 'raw' || firstRaw === -1 || index < firstRaw);
        expect(entries.filter((entry) => entry.direction === 'stream_chunk')).toHaveLength(capturedChunks.length);
      }),
      { numRuns },
    );
  });
});
