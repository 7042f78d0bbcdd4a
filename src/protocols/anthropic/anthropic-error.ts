import { isLeft } from 'fp-ts/lib/Either.js';
import type { ChunkError } from '../../streams/canonical-chunk.js';
import { GatewayError } from '../../errors/index.js';
import { anthropicErrorPayloadCodec } from './anthropic-event-wire.js';

/**
 * Anthropic's error face: `{type:'error', error:{type, message}}` with the status→type table of
 * PROTOCOLS.md A.5, for HTTP replies and for the in-band `event: error`.
 *
 * @see https://platform.claude.com/docs/en/api/errors
 */

const typeByStatus: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const statusByType: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(typeByStatus).map(([status, type]) => [type, Number(status)]),
);

export type AnthropicErrorBody = {
  readonly type: 'error';
  readonly error: { readonly type: string; readonly message: string; readonly details?: Readonly<Record<string, unknown>> };
};

/** The Anthropic error type for an HTTP status (`api_error` for other 5xx, else `invalid_request_error`). */
export function anthropicErrorTypeForStatus(statusCode: number): string {
  return typeByStatus[statusCode] ?? (statusCode >= 500 ? 'api_error' : 'invalid_request_error');
}

/** The HTTP status Anthropic uses for an error type (`overloaded_error` → 529), if it is one. */
export function anthropicStatusForErrorType(type: string | undefined): number | undefined {
  return type === undefined ? undefined : statusByType[type];
}

/** Anthropic clients see an upstream 503 as 529 `overloaded_error` (PROTOCOLS.md A.7). */
function clientStatus(statusCode: number): number {
  return statusCode === 503 ? 529 : statusCode;
}

function bodyFor(error: Pick<ChunkError, 'code' | 'message' | 'upstreamType'>, statusCode: number): AnthropicErrorBody {
  const type =
    anthropicStatusForErrorType(error.upstreamType) === undefined
      ? anthropicErrorTypeForStatus(statusCode)
      : (error.upstreamType as string);
  // Agents compact their history only when the message starts this way (DESIGN.md).
  const message =
    error.code === 'GW_ERR_INPUT_LIMIT_EXCEEDED' && !error.message.startsWith('prompt is too long')
      ? `prompt is too long: ${error.message}`
      : error.message;
  return { type: 'error', error: { type, message } };
}

/**
 * Renders a gateway error as an Anthropic HTTP error reply.
 *
 * @example
 * renderAnthropicError(new GatewayError('GW_ERR_RATE_LIMITED', 'slow down'));
 * // { statusCode: 429, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } }
 */
export function renderAnthropicError(error: GatewayError): { statusCode: number; body: AnthropicErrorBody } {
  const statusCode = clientStatus(error.statusCode);
  const body = bodyFor({ ...{}, ...error.toChunkError(), message: error.message }, statusCode);
  // Anthropic's error object has no details field; structured details (the context-window
  // numbers) ride along as an extra member, which the SDKs ignore and tools can read.
  const details = error.info.details;
  return { statusCode, body: details === undefined ? body : { ...{}, ...body, error: { ...{}, ...body.error, details } } };
}

/**
 * The data of an in-band `event: error` for an error chunk.
 *
 * @example
 * anthropicStreamErrorPayload({ code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 529, message: 'Overloaded' });
 * // { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }
 */
export function anthropicStreamErrorPayload(error: ChunkError): AnthropicErrorBody {
  return bodyFor(error, clientStatus(error.statusCode));
}

/**
 * Reads an Anthropic upstream error reply into a `GW_ERR_UPSTREAM_HTTP` gateway error whose
 * status is the upstream's, with `info.upstreamType` and `info.retryAfterSeconds`. Never throws:
 * a non-JSON body becomes the message (cut to 500 characters).
 *
 * @example
 * readAnthropicUpstreamError(529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}');
 */
export function readAnthropicUpstreamError(status: number, bodyText: string, retryAfterSeconds?: number): GatewayError {
  let upstreamType: string | undefined;
  let message: string | undefined;
  try {
    const decoded = anthropicErrorPayloadCodec.decode(JSON.parse(bodyText));
    if (!isLeft(decoded)) {
      upstreamType = decoded.right.error?.type ?? undefined;
      message = decoded.right.error?.message ?? decoded.right.message ?? undefined;
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): keep the text itself as the message.
  }
  const text = message ?? (bodyText.trim() === '' ? `Upstream HTTP ${status}` : bodyText.trim().slice(0, 500));
  return new GatewayError('GW_ERR_UPSTREAM_HTTP', text, {
    statusCode: status,
    retryable: status === 408 || status === 409 || status === 429 || status >= 500,
    info: {
      ...{},
      ...(upstreamType === undefined ? {} : { upstreamType }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    },
  });
}
