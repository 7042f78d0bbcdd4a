import { Observable, type OperatorFunction } from 'rxjs';
import type { CaptureContext, CaptureDirection } from '../observability/capture-entry.js';
import { nextCaptureSequence } from '../observability/capture-sequence.js';
import type { CaptureSink } from '../observability/capture-sink.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';

export interface CaptureWireOptions {
  readonly sink: CaptureSink;
  readonly context: CaptureContext;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Defaults to the process-wide capture sequence. */
  readonly nextSequence?: () => number;
  /**
   * Capture `raw` chunks and stop them here (default false: every chunk passes). The gateway asks
   * connectors for raw reads only for the capture, so nothing after it should see them.
   */
  readonly consumeRaw?: boolean;
}

/** Why a captured stream ended, in `metadata.reason` of its `stream_end` entry. */
export type CaptureEndReason = 'complete' | 'error' | 'unsubscribe';

/**
 * Records a response stream in the wire capture while passing every chunk through unchanged and
 * synchronously: `stream_start` on subscribe, one `stream_chunk` per chunk, and exactly one
 * `stream_end` on complete, error or unsubscribe (`metadata.reason`).
 *
 * What a `stream_chunk` holds: each `raw` chunk's value, which the connectors make one upstream
 * network read as text (the seed's capture), so the `stream_chunk` payloads of a stream joined
 * are exactly what the backend sent; `metadata.chunk_number` counts from 1. A decoder that emits
 * no `raw` chunks still gets a useful capture: until the first `raw` chunk is seen, every
 * canonical chunk is captured instead (deltas, usage, finish, with `metadata.protocol_event`);
 * once a `raw` chunk has been seen, only `raw` chunks are.
 *
 * The sink's `write` is an enqueue; any throw from it is swallowed, because a capture must never
 * break the stream it watches. The sink redacts and serialises (see `createCaptureWriter`): the
 * operator only hands over references, so the stream pays almost nothing per chunk.
 *
 * ```
 * source:  --r--r--r--|
 * result:  --r--r--r--|        (sink: start, chunk, chunk, chunk, end{reason: complete})
 * ```
 *
 * @param options The sink, the request's context, and the clock.
 * @example
 * upstream$.pipe(captureWire({ sink: captureWriter, context, now: Date.now }))
 */
export function captureWire(options: CaptureWireOptions): OperatorFunction<CanonicalChunk, CanonicalChunk> {
  const { sink, context, now, consumeRaw = false } = options;
  const nextSequence = options.nextSequence ?? nextCaptureSequence;

  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      const startedAt = now();
      let chunks = 0;
      let rawSeen = false;
      let ended = false;

      const capture = (direction: CaptureDirection, payload: unknown, metadata: Readonly<Record<string, unknown>>): void => {
        try {
          sink.write({ direction, payload, context, now: now(), sequence: nextSequence(), metadata });
        } catch {
          // Never let the capture break the stream (see the doc comment).
        }
      };
      const end = (reason: CaptureEndReason, extra: Readonly<Record<string, unknown>> = {}): void => {
        if (ended) return;
        ended = true;
        capture('stream_end', null, { reason, chunk_count: chunks, duration_ms: now() - startedAt, ...extra });
      };

      capture('stream_start', null, {});
      const subscription = source.subscribe({
        next: (chunk) => {
          // A synchronous source keeps calling next after the consumer has left (the teardown
          // is only registered once subscribe returns); such chunks were never delivered.
          if (subscriber.closed) return;
          if (chunk.type === 'raw') {
            rawSeen = true;
            chunks += 1;
            capture('stream_chunk', chunk.rawValue, { chunk_number: chunks });
            if (consumeRaw) return;
          } else if (!rawSeen) {
            chunks += 1;
            capture('stream_chunk', chunk, { protocol_event: chunk.type });
          }
          subscriber.next(chunk);
        },
        error: (error: unknown) => {
          end('error', { error: describeError(error) });
          subscriber.error(error);
        },
        complete: () => {
          end('complete');
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        end('unsubscribe');
      };
    });
}

function describeError(error: unknown): Readonly<Record<string, unknown>> {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return { ...{}, ...(typeof code === 'string' ? { code } : {}), message: typeof message === 'string' ? message : String(error) };
  }
  return { message: String(error) };
}
