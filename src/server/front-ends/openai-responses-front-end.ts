import { Observable, type OperatorFunction } from 'rxjs';
import {
  canonicalToOpenAIResponsesEvents,
  encodeOpenAIResponsesBody,
  readOpenAIResponsesProviderOptions,
  renderOpenAIResponsesError,
  type OpenAIResponsesEcho,
} from '../../protocols/openai-responses/index.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { CanonicalResponse } from '../../streams/canonical-response.js';
import { createChunkReducer } from '../../streams/create-chunk-reducer.js';
import type { FrontEnd, ResponseContext } from '../front-end.js';
import { withRetryAfter } from './with-retry-after.js';

export interface OpenAIResponsesFrontEndOptions {
  /** Request fields every response object echoes (`instructions`, `tools`, `text`, ...). */
  readonly echo?: OpenAIResponsesEcho;
  /**
   * Called with the whole response once it has ended normally (a `finish`, not an error or a
   * disconnect), before the terminal event or body goes out, so a client that continues with
   * `previous_response_id` at once always finds it stored.
   */
  readonly onResponse?: (response: CanonicalResponse, context: ResponseContext) => void;
}

/** Feeds every chunk to a reducer on the way through and reports the response at `finish`. */
function observeResponse(context: ResponseContext, onResponse: NonNullable<OpenAIResponsesFrontEndOptions['onResponse']>): OperatorFunction<CanonicalChunk, CanonicalChunk> {
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      let reducer: ReturnType<typeof createChunkReducer> | undefined = createChunkReducer();
      const subscription = source.subscribe({
        next: (chunk) => {
          if (chunk.type === 'error') reducer = undefined;
          else if (chunk.type !== 'raw') reducer?.push(chunk);
          if (chunk.type === 'finish' && reducer !== undefined) {
            onResponse(reducer.result(), context);
            reducer = undefined;
          }
          subscriber.next(chunk);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        reducer = undefined;
        subscription.unsubscribe();
      };
    });
}

/**
 * OpenAI Responses clients (`POST /v1/responses`; Codex CLI with `wire_api = "responses"`).
 * Made per request, because every response object echoes the request's own fields and the
 * route stores each finished response for `previous_response_id`.
 *
 * @example
 * const frontEnd = createOpenAIResponsesFrontEnd({ echo: openAIResponsesEchoFromRequest(body), onResponse: save });
 */
export function createOpenAIResponsesFrontEnd(options: OpenAIResponsesFrontEndOptions = {}): FrontEnd {
  const echo = options.echo === undefined ? {} : { echo: options.echo };
  const namespacesOf = (context: ResponseContext) => readOpenAIResponsesProviderOptions(context.request).toolNamespaces ?? {};
  return {
    protocol: 'openai-responses',
    idPrefix: 'resp_',
    encodeStream: (context) => {
      const encode = canonicalToOpenAIResponsesEvents({
        responseId: context.id,
        model: context.model,
        createdAt: context.created,
        generateId: context.generateId,
        toolNamespaces: namespacesOf(context),
        ...echo,
      });
      const onResponse = options.onResponse;
      return onResponse === undefined ? encode : (source) => source.pipe(observeResponse(context, onResponse), encode);
    },
    encodeBody: (response, context) => {
      options.onResponse?.(response, context);
      return encodeOpenAIResponsesBody(
        response,
        { generateId: context.generateId, now: () => context.created * 1000 },
        { responseId: context.id, model: context.model, toolNamespaces: namespacesOf(context), ...echo },
      );
    },
    renderError: (error) => withRetryAfter(error, renderOpenAIResponsesError(error)),
  };
}

/** The Responses front-end without echo or storage: for errors rendered outside the route. */
export const openaiResponsesFrontEnd: FrontEnd = createOpenAIResponsesFrontEnd();
