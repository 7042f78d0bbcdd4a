import { Observable, type OperatorFunction } from 'rxjs';
import type { CanonicalChunk } from './canonical-chunk.js';
import type { CanonicalResponse } from './canonical-response.js';
import { createChunkReducer } from './create-chunk-reducer.js';

/**
 * Folds a chunk stream into one `CanonicalResponse`, emitted when the source completes.
 *
 * Text and reasoning blocks become text/reasoning parts (start and end `providerMetadata`
 * merged), tool calls become tool-call parts, all in the order their blocks started;
 * `response-metadata`, `usage` and `finish` fill the envelope. An in-band `error` chunk errors
 * the output with the rebuilt `GatewayError`. Without a `finish` the reason is
 * `{ unified: 'other', raw: undefined }`.
 *
 * ```
 * chunks: --s--d--d--e--f--|
 * result: -----------------(r|)
 * ```
 *
 * @example
 * const response = await lastValueFrom(chunks$.pipe(reduceChunks()));
 * response.content; // [{ type: 'text', text: 'Hello' }]
 */
export function reduceChunks(): OperatorFunction<CanonicalChunk, CanonicalResponse> {
  return (source) =>
    new Observable<CanonicalResponse>((subscriber) => {
      let reducer: ReturnType<typeof createChunkReducer> | undefined = createChunkReducer();
      const subscription = source.subscribe({
        next: (chunk) => {
          if (reducer === undefined) return;
          try {
            reducer.push(chunk);
          } catch (error: unknown) {
            reducer = undefined;
            subscriber.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (reducer === undefined) return;
          const response = reducer.result();
          reducer = undefined;
          subscriber.next(response);
          subscriber.complete();
        },
      });
      return () => {
        reducer = undefined;
        subscription.unsubscribe();
      };
    });
}

/**
 * Reduces an array of chunks synchronously, with the same rules as {@link reduceChunks}.
 * Throws the rebuilt `GatewayError` when the array holds an `error` chunk.
 *
 * @example
 * reduceChunkArray(decodeGeminiBody(json)).finishReason; // { unified: 'stop', raw: 'STOP' }
 */
export function reduceChunkArray(chunks: readonly CanonicalChunk[]): CanonicalResponse {
  const reducer = createChunkReducer();
  for (const chunk of chunks) reducer.push(chunk);
  return reducer.result();
}
