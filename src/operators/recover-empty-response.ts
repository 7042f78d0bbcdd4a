import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import type { CanonicalChunk, FinishReason } from '../streams/canonical-chunk.js';

/**
 * The seed's fallback steering text for the retry (SEED-SPEC §11.9); the lead appends it as an
 * extra user message when building the retried request.
 */
export const defaultEmptyResponsePrompt =
  'The previous response was empty. Please provide a valid response with either text content or tool calls. Never return an empty response.';

/** Reported through `onRetry` when an empty response is thrown away and the request re-sent. */
export interface EmptyResponseRetryInfo {
  /** How many chunks of the empty response were discarded. */
  readonly discardedChunks: number;
  /** The empty response's finish reason, when it sent one. */
  readonly finishReason?: FinishReason;
}

export interface RecoverEmptyResponseOptions {
  /** Re-sends the request (with the steering prompt); subscribed at most once. */
  readonly retry: () => Observable<CanonicalChunk>;
  /** Reasoning text counts as content (seed `count_reasoning_for_empty_stream`, default true). */
  readonly countReasoningAsContent?: boolean;
  readonly onRetry?: (info: EmptyResponseRetryInfo) => void;
}

const visible = /\S/;

function isContent(chunk: CanonicalChunk, countReasoning: boolean): boolean {
  switch (chunk.type) {
    case 'text-delta':
      return visible.test(chunk.delta);
    case 'reasoning-delta':
      return countReasoning && visible.test(chunk.delta);
    case 'tool-input-start':
    case 'tool-call':
      return true;
    default:
      return false;
  }
}

/**
 * Retries a response that carried nothing: no visible text, no tool call and (by default) no
 * reasoning (SEED-SPEC §11.9, one retry). Chunks are held only until the first content chunk,
 * then released in order and everything after passes straight through. If the source completes
 * with no content, the held chunks are discarded and the operator switches to `retry()` once; the
 * retry's answer goes out as it is, even if it is empty too. An in-band `error` chunk is not an
 * empty answer: it releases what is held and passes at once. A source error drops what is held,
 * so nothing has gone out and the error is still a pre-output failure.
 *
 * ```
 * source: --s--f--|                 (stream-start, finish: no content)
 * retry:          --s--t--f--|
 * result: ----------s--t--f--|
 * ```
 *
 * @param options `retry` re-sends the request; `countReasoningAsContent`; optional `onRetry`.
 * @example
 * upstream$.pipe(recoverEmptyResponse({ retry: () => send(withUserMessage(request, defaultEmptyResponsePrompt)) }));
 */
export function recoverEmptyResponse(options: RecoverEmptyResponseOptions): OperatorFunction<CanonicalChunk, CanonicalChunk> {
  const countReasoning = options.countReasoningAsContent ?? true;
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      let held: CanonicalChunk[] | undefined = []; // undefined once content was seen: pass-through
      let finishReason: FinishReason | undefined;
      let retrySubscription: Subscription | undefined;

      const release = (): void => {
        const chunks = held ?? [];
        held = undefined;
        for (const chunk of chunks) subscriber.next(chunk);
      };

      const switchToRetry = (): void => {
        const discardedChunks = held?.length ?? 0;
        held = undefined;
        options.onRetry?.({ discardedChunks, finishReason });
        retrySubscription = options.retry().subscribe({
          next: (chunk) => subscriber.next(chunk),
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        });
      };

      const sourceSubscription = source.subscribe({
        next: (chunk) => {
          if (held === undefined) return subscriber.next(chunk);
          if (chunk.type === 'finish') finishReason = chunk.finishReason;
          held.push(chunk);
          if (isContent(chunk, countReasoning) || chunk.type === 'error') release();
        },
        error: (error: unknown) => {
          held = undefined;
          subscriber.error(error);
        },
        complete: () => {
          if (held === undefined) return subscriber.complete();
          try {
            switchToRetry();
          } catch (error) {
            subscriber.error(error);
          }
        },
      });
      return () => {
        held = undefined;
        sourceSubscription.unsubscribe();
        retrySubscription?.unsubscribe();
      };
    });
}
