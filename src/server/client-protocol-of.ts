import type { FastifyRequest } from 'fastify';
import type { ClientProtocol } from './front-end.js';

/**
 * Which protocol a request speaks, so that even errors raised before routing (auth, 404, bad
 * JSON) reach the client in its own shape. A route's `config.protocol` wins; otherwise the path
 * decides, and for the shared `GET /v1/models` the headers do (DESIGN.md): `anthropic-version`
 * means Anthropic, `x-goog-api-key` / `x-goog-api-client` / `?key=` mean Gemini.
 */
export function clientProtocolOf(request: FastifyRequest): ClientProtocol {
  const configured = request.routeOptions.config?.protocol;
  if (configured !== undefined) return configured;
  const path = request.url.split('?')[0] ?? '';
  if (path.startsWith('/anthropic/') || path.startsWith('/v1/messages')) return 'anthropic';
  if (path.startsWith('/v1beta/') || /:(generateContent|streamGenerateContent|countTokens)$/.test(path)) return 'gemini';
  if (path.startsWith('/v1/responses')) return 'openai-responses';
  return protocolFromHeaders(request);
}

export function protocolFromHeaders(request: FastifyRequest): ClientProtocol {
  const headers = request.headers;
  if (headers['anthropic-version'] !== undefined) return 'anthropic';
  const query = request.query as Record<string, unknown> | undefined;
  if (headers['x-goog-api-key'] !== undefined || headers['x-goog-api-client'] !== undefined || typeof query?.key === 'string') return 'gemini';
  return 'openai-chat';
}
