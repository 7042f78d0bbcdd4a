import { switchMap, type Observable } from 'rxjs';
import type { ApiKey } from '../config/load-api-keys.js';
import type { BackendConfig } from '../config/index.js';
import {
  decodeOpenAIResponsesBody,
  encodeOpenAIResponsesRequest,
  openAIResponsesEventsToCanonical,
  readOpenAIResponsesError,
} from '../protocols/openai-responses/index.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import type { BackendConnector } from './backend-connector.js';
import { decodeUpstreamResponse } from './decode-upstream-response.js';
import { generateUpstreamId } from './generate-upstream-id.js';
import { openaiCompatibleConnector } from './openai-compatible-connector.js';
import { requestUpstream } from './request-upstream.js';

function headersFor(backend: BackendConfig, key: ApiKey | undefined): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    'user-agent': 'llm-interactive-proxy',
    ...backend.headers,
    ...(key === undefined ? {} : { authorization: `Bearer ${key.value}` }),
  };
}

/**
 * OpenAI's own Responses API, for Responses clients whose backend is OpenAI: the request goes
 * out in its native form (`POST {baseUrl}/responses`, always streamed) with every Responses-only
 * field the client sent (`store`, `include`, `prompt_cache_key`, hosted tools, namespaces), instead
 * of being squeezed through Chat Completions. `previous_response_id` is not sent: the gateway
 * keeps the history itself and sends it in full. Model listing is the Chat connector's
 * (`GET {baseUrl}/models`).
 *
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export const openaiResponsesConnector: BackendConnector = {
  family: 'openai-compatible',

  stream(request, target, options): Observable<CanonicalChunk> {
    const url = `${target.backend.baseUrl}/responses`;
    const body = encodeOpenAIResponsesRequest(request, { model: target.model, stream: true });
    const text = JSON.stringify(body);
    options.observeRequest?.(url, text);
    return requestUpstream({
      backend: target.backend.id,
      url,
      headers: headersFor(target.backend, target.key),
      body: text,
      dispatcher: options.dispatcher,
      ...(options.reason === undefined ? {} : { reason: options.reason }),
      readError: (statusCode, text, retryAfter) =>
        readOpenAIResponsesError(statusCode, text, retryAfter === undefined ? {} : { retryAfter: String(retryAfter) }),
    }).pipe(
      switchMap((response) =>
        decodeUpstreamResponse(response, {
          backend: target.backend.id,
          events: () => openAIResponsesEventsToCanonical({ generateId: generateUpstreamId }),
          body: (json) => decodeOpenAIResponsesBody(json, { generateId: generateUpstreamId }),
          ...(options.emitRawFrames === undefined ? {} : { emitRawFrames: options.emitRawFrames }),
        }),
      ),
    );
  },

  listModels: (backend, key, options) => openaiCompatibleConnector.listModels(backend, key, options),
};
