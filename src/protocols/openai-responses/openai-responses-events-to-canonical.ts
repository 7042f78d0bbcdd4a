import { isRight } from 'fp-ts/lib/Either.js';
import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { createResponsesDecoderState, type ResponsesDecoderState } from './openai-responses-decoder-state.js';
import { responsesStreamEventCodec, type ResponsesStreamEvent } from './openai-responses-wire.js';

export interface OpenAIResponsesEventsToCanonicalOptions {
  /** Returns a fresh id with the given prefix, for items an upstream sent without one. */
  readonly generateId: (prefix: string) => string;
}

/**
 * Decodes an upstream OpenAI Responses event stream into canonical chunks.
 *
 * `output_text` (and `refusal`) deltas become text blocks, reasoning summary (and reasoning text)
 * deltas become reasoning blocks whose `reasoning-end` carries `providerMetadata.openai
 * {itemId, encryptedContent}` from `output_item.done`, and `function_call` items become
 * `tool-input-*` plus one `tool-call`. `response.completed` / `.incomplete` end with `finish`
 * (usage and status mapped); an `error` event, in either shape (fields top-level as in the SDK
 * types, or nested under `error` as the API really sends), becomes an `error` chunk; a
 * `response.failed` without an earlier `error` event does too. The stream completes at the first
 * terminal event and ignores the rest, so a recording of several responses back to back yields the
 * first response only. A stream cut off before any terminal event gets its blocks closed and a
 * `finish` with unified reason `other`.
 *
 * ```
 * events: --created--item.added--text.delta--item.done--completed--|
 * chunks: --metadata-------------text-start,text-delta--text-end--finish|
 * ```
 *
 * @example
 * body$.pipe(parseSse(), openAIResponsesEventsToCanonical({ generateId }));
 */
export function openAIResponsesEventsToCanonical(options: OpenAIResponsesEventsToCanonicalOptions): OperatorFunction<SseEvent, CanonicalChunk> {
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      let sourceSubscription: Subscription | undefined;
      let state: ResponsesDecoderState | undefined = createResponsesDecoderState({
        emit: (chunk) => subscriber.next(chunk),
        generateId: options.generateId,
      });
      const stop = (): void => {
        state = undefined;
        subscriber.complete();
        sourceSubscription?.unsubscribe();
      };
      const handle = (event: SseEvent): void => {
        if (state === undefined) return;
        const data = event.data.trim();
        if (data.length === 0 || data === '[DONE]') return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          state.emit({
            type: 'error',
            error: { code: 'GW_ERR_UPSTREAM_PROTOCOL', statusCode: 502, message: 'The upstream sent an event that is not JSON.' },
          });
          stop();
          return;
        }
        const decoded = responsesStreamEventCodec.decode(parsed);
        if (!isRight(decoded)) return; // no `type`: nothing we can read
        if (state.handle(decoded.right as ResponsesStreamEvent) === 'terminal') stop();
      };
      sourceSubscription = source.subscribe({
        next: handle,
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (state === undefined) return;
          state.endWithoutTerminal();
          stop();
        },
      });
      if (state === undefined) sourceSubscription.unsubscribe();
      return () => {
        sourceSubscription?.unsubscribe();
        state = undefined;
      };
    });
}
