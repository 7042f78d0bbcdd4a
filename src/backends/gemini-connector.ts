import { map, switchMap, type Observable } from 'rxjs';
import type { ApiKey } from '../config/load-api-keys.js';
import type { BackendConfig } from '../config/index.js';
import { decodeGeminiBody, encodeGeminiRequest, geminiEventsToCanonical, readGeminiUpstreamError } from '../protocols/gemini/index.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import type { BackendConnector } from './backend-connector.js';
import { collectText } from './collect-text.js';
import { parseUpstreamJson } from './parse-upstream-json.js';
import { generateUpstreamId } from './generate-upstream-id.js';
import { requestUpstream } from './request-upstream.js';
import { streamUpstream } from './stream-upstream.js';

function headersFor(backend: BackendConfig, key: ApiKey | undefined): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'llm-interactive-proxy',
    ...backend.headers,
    // The key goes in a header, never in the URL, so it cannot end up in access logs.
    ...(key === undefined ? {} : { 'x-goog-api-key': key.value }),
  };
}

/**
 * The Gemini API (`generativelanguage.googleapis.com`): `streamGenerateContent?alt=sse` upstream
 * for every request, key in `x-goog-api-key`.
 *
 * @see https://ai.google.dev/api/generate-content
 */
export const geminiConnector: BackendConnector = {
  family: 'gemini',

  stream(request, target, options): Observable<CanonicalChunk> {
    const model = encodeURIComponent(target.model.replace(/^models\//, ''));
    return streamUpstream(
      {
        url: `${target.backend.baseUrl}/v1beta/models/${model}:streamGenerateContent?alt=sse`,
        body: encodeGeminiRequest(request, { model: target.model }),
        headers: headersFor(target.backend, target.key),
        readError: readGeminiUpstreamError,
        events: () => geminiEventsToCanonical({ generateId: generateUpstreamId }),
        decodeBody: (json) => decodeGeminiBody(json, { generateId: generateUpstreamId }),
      },
      target,
      options,
    );
  },

  countTokens(request, target, options) {
    const model = encodeURIComponent(target.model.replace(/^models\//, ''));
    const { contents, systemInstruction, tools } = encodeGeminiRequest(request, { model: target.model });
    return requestUpstream({
      backend: target.backend.id,
      url: `${target.backend.baseUrl}/v1beta/models/${model}:countTokens`,
      headers: headersFor(target.backend, target.key),
      body: JSON.stringify({ generateContentRequest: { model: `models/${target.model}`, contents, systemInstruction, tools } }),
      dispatcher: options.dispatcher,
      readError: readGeminiUpstreamError,
    }).pipe(
      switchMap((response) => collectText(response.body)),
      map((text) => Number((parseUpstreamJson(text, target.backend.id) as { totalTokens?: unknown }).totalTokens ?? Number.NaN)),
    );
  },

  listModels(backend, key, options) {
    return requestUpstream({
      backend: backend.id,
      url: `${backend.baseUrl}/v1beta/models?pageSize=1000`,
      method: 'GET',
      headers: headersFor(backend, key),
      dispatcher: options.dispatcher,
      readError: readGeminiUpstreamError,
    }).pipe(
      switchMap((response) => collectText(response.body)),
      map((text) => {
        const parsed = parseUpstreamJson(text, backend.id) as { models?: { name?: unknown }[] };
        return (parsed.models ?? [])
          .map((entry) => entry.name)
          .filter((name): name is string => typeof name === 'string')
          .map((name) => name.replace(/^models\//, ''));
      }),
    );
  },
};
