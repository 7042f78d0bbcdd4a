import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { GeminiResponseDecoder } from './gemini-response-decoder.js';
import { geminiResponseCodec } from './gemini-wire.js';

export interface GeminiEventsToCanonicalOptions {
  /** Ids for text/reasoning blocks and for function calls Gemini sent without an `id`. */
  readonly generateId: (prefix: string) => string;
}

/**
 * Decodes an upstream Gemini `streamGenerateContent` stream (SSE events with `alt=sse`, or the
 * elements of the JSON-array mode, each as one event) into canonical chunks.
 *
 * Each event is one whole `GenerateContentResponse` holding **incremental** parts; see
 * {@link GeminiResponseDecoder} for how parts, signatures, streamed arguments, usage and finish
 * reasons are read. A `{"error":…}` event becomes an `error` chunk and ends the stream (the
 * source is unsubscribed). Data that is not JSON, or not a response object, also ends the stream
 * with a `GW_ERR_UPSTREAM_PROTOCOL` error chunk. Empty data is skipped.
 *
 * ```
 * events: --{text:"Hi"}--{text:"!",finishReason:STOP}--|
 * chunks: --(meta,ts,td)--td-------------------------(te,finish|)
 * ```
 *
 * @param options.generateId id source (from the CodecContext)
 * @example
 * body$.pipe(parseSse(), geminiEventsToCanonical({ generateId: context.generateId }));
 */
export function geminiEventsToCanonical(options: GeminiEventsToCanonicalOptions): OperatorFunction<SseEvent, CanonicalChunk> {
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      const decoder = new GeminiResponseDecoder(options.generateId, (chunk) => subscriber.next(chunk));
      let ended = false;
      let subscription: Subscription | undefined;
      const stop = (): void => {
        ended = true;
        subscription?.unsubscribe(); // undefined when the source emitted synchronously: handled below
        subscriber.complete();
      };
      subscription = source.subscribe({
        next: (event) => {
          if (ended) return;
          const data = event.data.trim();
          if (data.length === 0) return;
          const response = parseResponse(data);
          if (response === undefined) {
            subscriber.next({
              type: 'error',
              error: { code: 'GW_ERR_UPSTREAM_PROTOCOL', statusCode: 502, message: 'Gemini stream sent data that is not a response object' },
            });
            stop();
            return;
          }
          if (!decoder.handle(response)) stop();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (ended) return;
          decoder.end();
          subscriber.complete();
        },
      });
      if (ended) subscription.unsubscribe();
      return () => subscription.unsubscribe();
    });
}

function parseResponse(data: string) {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  const decoded = geminiResponseCodec.decode(value);
  return decoded._tag === 'Right' && typeof value === 'object' && value !== null && !Array.isArray(value) ? decoded.right : undefined;
}
