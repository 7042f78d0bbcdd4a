import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../errors/index.js';
import type { AuditKind } from '../../observability/index.js';
import { openaiChatFrontEnd } from '../front-ends/openai-chat-front-end.js';
import type { GatewayCore } from '../gateway-core.js';
import { useProtocolErrorHandler } from './use-protocol-error-handler.js';

type Query = Record<string, string | undefined>;

/** `since`/`until` as ISO dates or epoch milliseconds; a bad one is a 400 naming it. */
function time(query: Query, name: string): number | undefined {
  const text = query[name];
  if (text === undefined || text === '') return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(value)) throw new GatewayError('GW_ERR_INVALID_REQUEST', `${name}: expected an ISO date or epoch milliseconds, got '${text}'`, { info: { param: name } });
  return value;
}

function limit(query: Query, fallback: number): number {
  const value = Number(query.limit ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new GatewayError('GW_ERR_INVALID_REQUEST', `limit: expected a positive integer, got '${query.limit ?? ''}'`, { info: { param: 'limit' } });
  return Math.min(value, 1000);
}

function disabled(): never {
  throw new GatewayError('GW_ERR_NOT_FOUND', 'Usage accounting is disabled (--disable-accounting)');
}

/**
 * `GET /usage/stats` (filters `project`, `backend`, `model`, `since`, `until`: totals and a
 * per-model breakdown), `GET /usage/recent?limit=`, and `GET /audit/logs` (`limit`, `kind`,
 * `since`, `until`) — behind the same proxy authentication as the API.
 */
export async function observabilityRoutes(app: FastifyInstance, core: GatewayCore): Promise<void> {
  useProtocolErrorHandler(app, openaiChatFrontEnd, core.observability.captureRedactor);
  const { usage, audit } = core.observability;
  app.get('/usage/stats', async (request) => {
    const query = request.query as Query;
    if (usage === undefined) disabled();
    const since = time(query, 'since');
    const until = time(query, 'until');
    return usage.stats({
      ...{},
      ...(query.project === undefined ? {} : { project: query.project }),
      ...(query.backend === undefined ? {} : { backend: query.backend }),
      ...(query.model === undefined ? {} : { model: query.model }),
      ...(since === undefined ? {} : { since }),
      ...(until === undefined ? {} : { until }),
    });
  });
  app.get('/usage/recent', async (request) => {
    if (usage === undefined) disabled();
    return { object: 'usage_entries', data: await usage.recent(limit(request.query as Query, 100)) };
  });
  app.get('/audit/logs', async (request) => {
    const query = request.query as Query;
    if (audit === undefined) disabled();
    const kinds: readonly AuditKind[] = ['command', 'auth_failure', 'config_change'];
    const kind = kinds.find((candidate) => candidate === query.kind);
    if (query.kind !== undefined && kind === undefined) throw new GatewayError('GW_ERR_INVALID_REQUEST', `kind: expected one of ${kinds.join(', ')}`, { info: { param: 'kind' } });
    const since = time(query, 'since');
    const until = time(query, 'until');
    const data = await audit.list({ limit: limit(query, 100), ...(kind === undefined ? {} : { kind }), ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }) });
    return { object: 'audit_logs', data, total: data.length };
  });
}
