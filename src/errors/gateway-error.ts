import type { ChunkError } from '../streams/canonical-chunk.js';
import { errorCodes, type GatewayErrorCode } from './error-codes.js';

export interface GatewayErrorInfo {
  /** The upstream's own error type or code (`rate_limit_error`, `insufficient_quota`...). */
  readonly upstreamType?: string;
  readonly upstreamCode?: string;
  /** The request field at fault (`messages[0].content`). */
  readonly param?: string;
  /** Seconds, from the upstream's Retry-After or our own limiter. */
  readonly retryAfterSeconds?: number;
  /** Structured details for the client (`{model, limit, measured}`). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly backend?: string;
}

const marker = Symbol.for('llm-interactive-proxy.gateway-error');

/**
 * The one error type of the gateway. Rendered in the client's own protocol by the front-end;
 * recognised with {@link isGatewayError} (a marker, not `instanceof`, so it works across copies
 * of the module).
 */
export class GatewayError extends Error {
  readonly [marker] = true;
  readonly code: GatewayErrorCode;
  readonly statusCode: number;
  readonly isRetryable: boolean;
  readonly info: GatewayErrorInfo;

  constructor(
    code: GatewayErrorCode,
    message: string,
    options: { statusCode?: number; info?: GatewayErrorInfo; cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.statusCode = options.statusCode ?? errorCodes[code].statusCode;
    this.isRetryable = options.retryable ?? errorCodes[code].retryable;
    this.info = options.info ?? {};
  }

  toChunkError(): ChunkError {
    return {
      code: this.code,
      statusCode: this.statusCode,
      message: this.message,
      ...(this.info.upstreamType === undefined ? {} : { upstreamType: this.info.upstreamType }),
      ...(this.info.upstreamCode === undefined ? {} : { upstreamCode: this.info.upstreamCode }),
      ...(this.info.param === undefined ? {} : { param: this.info.param }),
    };
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return typeof value === 'object' && value !== null && (value as { [marker]?: boolean })[marker] === true;
}

/** Turns anything thrown into a GatewayError, never exposing a stack trace to a client. */
export function toGatewayError(value: unknown): GatewayError {
  if (isGatewayError(value)) return value;
  return new GatewayError('GW_ERR_INTERNAL', 'Internal gateway error', { cause: value });
}

/** Rebuilds a GatewayError from an in-band error chunk. */
export function fromChunkError(error: ChunkError): GatewayError {
  const code = (error.code in errorCodes ? error.code : 'GW_ERR_INTERNAL') as GatewayErrorCode;
  return new GatewayError(code, error.message, {
    statusCode: error.statusCode,
    info: { upstreamType: error.upstreamType, upstreamCode: error.upstreamCode, param: error.param },
  });
}
