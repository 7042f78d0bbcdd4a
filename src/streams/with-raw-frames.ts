import { Observable, Subject, type OperatorFunction } from 'rxjs';
import type { CanonicalChunk } from './canonical-chunk.js';
import type { SseEvent } from './sse-event.js';

/**
 * Wraps a stream decoder so that every upstream event is also emitted, just before what it
 * decodes to, as a `raw` chunk — the frame wire capture records. Encoders ignore `raw` chunks.
 *
 * ```
 * events: --e1------e2--|
 * result: --(r1 c1)-(r2 c2 c3)--|
 * ```
 */
export function withRawFrames(decoder: OperatorFunction<SseEvent, CanonicalChunk>): OperatorFunction<SseEvent, CanonicalChunk> {
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      const input = new Subject<SseEvent>();
      const decoded = input.pipe(decoder).subscribe(subscriber);
      const upstream = source.subscribe({
        next: (event) => {
          subscriber.next({ type: 'raw', rawValue: event });
          input.next(event);
        },
        error: (error: unknown) => input.error(error),
        complete: () => input.complete(),
      });
      return () => {
        upstream.unsubscribe();
        decoded.unsubscribe();
      };
    });
}
