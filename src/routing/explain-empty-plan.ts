import { GatewayError } from '../errors/index.js';
import type { KeyHealth } from './key-health.js';

/**
 * The error for a request whose plan came out empty. When some key of the wanted backends is
 * only cooling down, it is a 429 `GW_ERR_RATE_LIMITED` with the seconds until the first one
 * recovers (legacy "All backends rate limited" with `retry_after`); otherwise no key can serve it
 * (`GW_ERR_NO_CREDENTIALS`, the backends' keys are bad or missing).
 *
 * @param backends the backends the selection wanted (the direct backend, or the route's)
 * @example
 * if (attempts.length === 0) throw explainEmptyPlan(['gemini'], keyHealth, now());
 */
export function explainEmptyPlan(backends: readonly string[], health: Pick<KeyHealth, 'nextAvailableAt'>, now: number): GatewayError {
  const recoveries = backends.map((backend) => health.nextAvailableAt(backend)).filter((at): at is number => at !== undefined);
  if (recoveries.length > 0) {
    const retryAfterSeconds = Math.max(1, Math.ceil((Math.min(...recoveries) - now) / 1_000));
    return new GatewayError('GW_ERR_RATE_LIMITED', 'All backends rate limited', {
      info: { retryAfterSeconds, details: { retry_after: retryAfterSeconds } },
    });
  }
  return new GatewayError('GW_ERR_NO_CREDENTIALS', `No usable API key for ${backends.join(', ') || 'the selected backend'}`);
}
