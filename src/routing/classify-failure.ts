import type { GatewayError } from '../errors/index.js';

/**
 * What the failover driver does after an attempt failed before any output:
 * - `retry-next-key`: the key is at fault (429 cools it, 401/403 marks it bad); try the next attempt;
 * - `fail-over`: the backend is at fault (5xx, connect error, timeout, broken stream); try the
 *   next attempt and count a circuit-breaker failure;
 * - `surface`: the request itself is at fault (400, 404, 413, 422…) or the error is our own; stop.
 */
export type FailureAction = 'retry-next-key' | 'fail-over' | 'surface';

/**
 * Classifies an upstream failure (SEED-SPEC §4.3). 408 (request timeout) is treated like our own
 * timeout; every other 4xx surfaces because another backend would reject the same request.
 *
 * @example
 * classifyFailure(new GatewayError('GW_ERR_UPSTREAM_HTTP', 'Too Many Requests', { statusCode: 429 })) // → 'retry-next-key'
 */
export function classifyFailure(error: GatewayError): FailureAction {
  switch (error.code) {
    case 'GW_ERR_UPSTREAM_HTTP':
      return classifyStatus(error.statusCode);
    case 'GW_ERR_UPSTREAM_CONNECT':
    case 'GW_ERR_UPSTREAM_TIMEOUT':
    case 'GW_ERR_UPSTREAM_PROTOCOL':
      return 'fail-over';
    default:
      return 'surface';
  }
}

function classifyStatus(status: number): FailureAction {
  if (status === 429 || status === 401 || status === 403) return 'retry-next-key';
  if (status >= 500 || status === 408) return 'fail-over';
  return 'surface';
}
