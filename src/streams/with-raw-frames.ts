import { Observable, tap, type OperatorFunction } from 'rxjs';
import type { CanonicalChunk } from './canonical-chunk.js';

/**
 * Wraps a decoder so that every input it takes (an upstream read, as text) is also emitted, just
 * before what it decodes to, as a `raw` chunk: what wire capture records. Encoders ignore `raw`
 * chunks.
 *
 * ```
 * reads:  --t1------t2--|
 * result: --(r1 c1)-(r2 c2 c3)--|
 * ```
 */
export function withRawFrames<Input>(decoder: OperatorFunction<Input, CanonicalChunk>): OperatorFunction<Input, CanonicalChunk> {
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) =>
      source.pipe(tap((value) => subscriber.next({ type: 'raw', rawValue: value })), decoder).subscribe(subscriber),
    );
}
