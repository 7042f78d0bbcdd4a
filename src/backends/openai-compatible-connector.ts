import { map, switchMap, type Observable } from 'rxjs';
import {
  decodeOpenAIChatBody,
  encodeOpenAIChatRequest,
  openaiChatEventsToCanonical,
  readOpenAIChatUpstreamError,
} from '../protocols/openai-chat/index.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import type { BackendConnector, BackendTarget, CallOptions } from './backend-connector.js';
import type { BackendConfig } from '../config/index.js';
import type { ApiKey } from '../config/load-api-keys.js';
import { collectText } from './collect-text.js';
import { parseUpstreamJson } from './parse-upstream-json.js';
import { requestUpstream } from './request-upstream.js';
import { streamUpstream } from './stream-upstream.js';

function headersFor(backend: BackendConfig, key: ApiKey | undefined, accept: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept,
    'user-agent': 'llm-interactive-proxy',
    ...backend.headers,
    ...(key === undefined ? {} : { authorization: `Bearer ${key.value}` }),
  };
}

/**
 * OpenAI Chat Completions upstreams: OpenAI, OpenRouter, ZAI and any OpenAI-compatible URL.
 * Streams upstream (`stream: true` with `include_usage`); an upstream that answers a stream
 * request with a plain JSON body is read as a short chunk stream.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export const openaiCompatibleConnector: BackendConnector = {
  family: 'openai-compatible',

  stream(request, target: BackendTarget, options: CallOptions): Observable<CanonicalChunk> {
    return streamUpstream(
      {
        url: `${target.backend.baseUrl}/chat/completions`,
        body: encodeOpenAIChatRequest(request, { model: target.model, stream: true }),
        headers: headersFor(target.backend, target.key, 'text/event-stream'),
        readError: readOpenAIChatUpstreamError,
        events: () => openaiChatEventsToCanonical(),
        decodeBody: decodeOpenAIChatBody,
      },
      target,
      options,
    );
  },

  listModels(backend, key, options) {
    return requestUpstream({
      backend: backend.id,
      url: `${backend.baseUrl}/models`,
      method: 'GET',
      headers: headersFor(backend, key, 'application/json'),
      dispatcher: options.dispatcher,
      readError: readOpenAIChatUpstreamError,
    }).pipe(
      switchMap((response) => collectText(response.body)),
      map((text) => {
        const parsed = parseUpstreamJson(text, backend.id) as { data?: { id?: unknown }[] };
        return (parsed.data ?? []).map((entry) => entry.id).filter((id): id is string => typeof id === 'string');
      }),
    );
  },
};
