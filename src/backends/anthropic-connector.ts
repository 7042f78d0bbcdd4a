import { map, switchMap, type Observable } from 'rxjs';
import type { ApiKey } from '../config/load-api-keys.js';
import type { BackendConfig } from '../config/index.js';
import { anthropicEventsToCanonical, decodeAnthropicBody, encodeAnthropicRequest, readAnthropicUpstreamError } from '../protocols/anthropic/index.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import type { BackendConnector } from './backend-connector.js';
import { collectText } from './collect-text.js';
import { parseUpstreamJson } from './parse-upstream-json.js';
import { requestUpstream } from './request-upstream.js';
import { streamUpstream } from './stream-upstream.js';

/**
 * The API version we call with. 2023-06-01 accepts `temperature`/`top_p`/`top_k`; 2026-10-21
 * rejects them (the encoder drops them when this is raised).
 */
export const anthropicApiVersion = '2023-06-01';
const defaultMaxTokens = 8192;

/** The version sent: the backend's configured `anthropic-version` header, else ours. */
function versionOf(backend: BackendConfig): string {
  return backend.headers['anthropic-version'] ?? anthropicApiVersion;
}

function headersFor(backend: BackendConfig, key: ApiKey | undefined, forwarded: Readonly<Record<string, string>>): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'llm-interactive-proxy',
    'anthropic-version': versionOf(backend),
    ...(forwarded['anthropic-beta'] === undefined ? {} : { 'anthropic-beta': forwarded['anthropic-beta'] }),
    ...backend.headers,
    ...(key === undefined ? {} : { 'x-api-key': key.value }),
  };
}

/**
 * The Anthropic Messages API: always streamed upstream; the key in `x-api-key`.
 *
 * @see https://docs.anthropic.com/en/api/messages
 */
export const anthropicConnector: BackendConnector = {
  family: 'anthropic',

  stream(request, target, options): Observable<CanonicalChunk> {
    return streamUpstream(
      {
        url: `${target.backend.baseUrl}/v1/messages`,
        body: encodeAnthropicRequest(request, { model: target.model, stream: true, anthropicVersion: versionOf(target.backend), defaultMaxTokens }),
        headers: headersFor(target.backend, target.key, options.forwardHeaders ?? {}),
        readError: readAnthropicUpstreamError,
        events: anthropicEventsToCanonical,
        decodeBody: decodeAnthropicBody,
      },
      target,
      options,
    );
  },

  countTokens(request, target, options) {
    const { max_tokens: _maxTokens, stream: _stream, ...body } = encodeAnthropicRequest(request, {
      model: target.model,
      stream: false,
      anthropicVersion: versionOf(target.backend),
      defaultMaxTokens,
    });
    return requestUpstream({
      backend: target.backend.id,
      url: `${target.backend.baseUrl}/v1/messages/count_tokens`,
      headers: headersFor(target.backend, target.key, options.forwardHeaders ?? {}),
      body: JSON.stringify(body),
      dispatcher: options.dispatcher,
      readError: readAnthropicUpstreamError,
    }).pipe(
      switchMap((response) => collectText(response.body)),
      map((text) => Number((parseUpstreamJson(text, target.backend.id) as { input_tokens?: unknown }).input_tokens ?? Number.NaN)),
    );
  },

  listModels(backend, key, options) {
    return requestUpstream({
      backend: backend.id,
      url: `${backend.baseUrl}/v1/models?limit=1000`,
      method: 'GET',
      headers: headersFor(backend, key, {}),
      dispatcher: options.dispatcher,
      readError: readAnthropicUpstreamError,
    }).pipe(
      switchMap((response) => collectText(response.body)),
      map((text) => {
        const parsed = parseUpstreamJson(text, backend.id) as { data?: { id?: unknown }[] };
        return (parsed.data ?? []).map((entry) => entry.id).filter((id): id is string => typeof id === 'string');
      }),
    );
  },
};
