import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/index.js';
import type { AuditStore } from '../observability/index.js';
import type { IpAllowList } from '../redaction/index.js';
import { GatewayError } from '../errors/index.js';
import type { RenderedError } from './front-end.js';

const publicPaths = new Set(['/health']);

/** The key a client presented, from any header its SDK uses, or the `key` / `api_key` query. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    if (match?.[1] !== undefined) return match[1].trim();
  }
  for (const header of ['x-api-key', 'x-goog-api-key', 'api-key'] as const) {
    const value = request.headers[header];
    const text = Array.isArray(value) ? value[0] : value;
    if (text !== undefined && text.length > 0) return text;
  }
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.key ?? query?.api_key;
  return typeof fromQuery === 'string' && fromQuery.length > 0 ? fromQuery : undefined;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Proxy authentication as an `onRequest` hook: every route but `/health` needs one of the
 * configured keys, unless the client address is trusted (`--trusted-ip`, exact or CIDR).
 * Comparison is constant-time (over digests, so lengths do not leak either). Failures are
 * logged and written to the audit log.
 */
export function registerAuth(
  app: FastifyInstance,
  config: Config,
  options: {
    readonly renderError: (request: FastifyRequest, error: GatewayError) => RenderedError;
    readonly trustedIps: IpAllowList;
    readonly audit?: AuditStore;
    readonly now: () => number;
  },
): void {
  if (config.auth.disabled) return;
  const accepted = config.auth.apiKeys.map(digest);
  app.addHook('onRequest', async (request, reply) => {
    if (publicPaths.has(request.url.split('?')[0] ?? '')) return;
    if (options.trustedIps.contains(request.ip)) return;
    const key = presentedKey(request);
    if (key !== undefined) {
      const candidate = digest(key);
      if (accepted.some((known) => timingSafeEqual(known, candidate))) return;
    }
    request.log.warn({ has_key: key !== undefined }, 'authentication failed');
    options.audit?.record({
      timestamp: options.now(),
      kind: 'auth_failure',
      clientHost: request.ip,
      detail: { path: request.url.split('?')[0] ?? '', method: request.method, reason: key === undefined ? 'missing key' : 'invalid key' },
    });
    const rendered = options.renderError(
      request,
      new GatewayError('GW_ERR_UNAUTHORIZED', key === undefined ? 'Missing proxy API key' : 'Invalid proxy API key'),
    );
    return reply.code(rendered.statusCode).headers(rendered.headers ?? {}).send(rendered.body);
  });
}
