import type { GatewayError } from '../../errors/index.js';
import type { RenderedError } from '../front-end.js';

/** Adds `Retry-After` to a rendered error when the upstream or a limiter gave one. */
export function withRetryAfter(error: GatewayError, rendered: { readonly statusCode: number; readonly body: unknown }): RenderedError {
  const seconds = error.info.retryAfterSeconds;
  return seconds === undefined ? rendered : { ...{}, ...rendered, headers: { 'retry-after': String(Math.ceil(seconds)) } };
}
