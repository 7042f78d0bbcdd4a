import type { Observable } from 'rxjs';
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
import { generateUpstreamId } from './generate-upstream-id.js';
import { openaiCompatibleConnector } from './openai-compatible-connector.js';
import { streamUpstream } from './stream-upstream.js';

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
    return streamUpstream(
      {
        url: `${target.backend.baseUrl}/responses`,
        body: encodeOpenAIResponsesRequest(request, { model: target.model, stream: true }),
        headers: headersFor(target.backend, target.key),
        readError: (statusCode, text, retryAfter) =>
          readOpenAIResponsesError(statusCode, text, retryAfter === undefined ? {} : { retryAfter: String(retryAfter) }),
        events: () => openAIResponsesEventsToCanonical({ generateId: generateUpstreamId }),
        decodeBody: (json) => decodeOpenAIResponsesBody(json, { generateId: generateUpstreamId }),
      },
      target,
      options,
    );
  },

  listModels: (backend, key, options) => openaiCompatibleConnector.listModels(backend, key, options),
};
