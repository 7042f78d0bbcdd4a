import { GatewayError } from '../../errors/index.js';
import type { ChunkError } from '../../streams/canonical-chunk.js';
import type { ResponsesErrorObject } from './openai-responses-wire.js';

/** The OpenAI error body: `{error:{message,type,param,code}}`. */
export interface OpenAIResponsesErrorBody {
  readonly error: { readonly message: string; readonly type: string; readonly param: string | null; readonly code: string | null };
}

function typeForStatus(statusCode: number): string {
  if (statusCode === 429) return 'rate_limit_error';
  if (statusCode === 403) return 'permission_error';
  if (statusCode === 504) return 'timeout';
  if (statusCode >= 500) return 'server_error';
  return 'invalid_request_error';
}

/**
 * Renders a gateway error as an OpenAI error body plus HTTP status (served before the stream
 * starts). `code` is the upstream code when there was one, else the gateway's stable `GW_ERR_*`.
 *
 * @example
 * renderOpenAIResponsesError(new GatewayError('GW_ERR_INVALID_REQUEST', 'bad', { info: { param: 'input' } }));
 * // { statusCode: 400, body: { error: { message: 'bad', type: 'invalid_request_error', param: 'input', code: 'GW_ERR_INVALID_REQUEST' } } }
 */
export function renderOpenAIResponsesError(error: GatewayError): { statusCode: number; body: OpenAIResponsesErrorBody } {
  return {
    statusCode: error.statusCode,
    body: {
      error: {
        message: error.message,
        type: error.info.upstreamType ?? typeForStatus(error.statusCode),
        param: error.info.param ?? null,
        code: error.info.upstreamCode ?? error.code,
      },
    },
  };
}

/**
 * The data of an in-band `error` event for an error chunk, without `sequence_number`.
 * Fields sit at the top level (the SDK types; openai 7.x reads them on `event: error`) and again
 * in a nested `error` object (what the API really sends; openai 6.x throws on `data.error`),
 * PROTOCOLS.md D.19.
 *
 * @example
 * toOpenAIResponsesErrorEvent({ code: 'GW_ERR_UPSTREAM_HTTP', statusCode: 429, message: 'slow down' });
 * // { type: 'error', code: 'GW_ERR_UPSTREAM_HTTP', message: 'slow down', param: null, error: { type: 'rate_limit_error', ... } }
 */
export function toOpenAIResponsesErrorEvent(error: ChunkError): Record<string, unknown> {
  const code = error.upstreamCode ?? error.code;
  const param = error.param ?? null;
  return {
    type: 'error',
    code,
    message: error.message,
    param,
    error: { type: error.upstreamType ?? typeForStatus(error.statusCode), code, message: error.message, param },
  };
}

function statusForUpstream(type: string | undefined, code: string | undefined): number {
  const keys = `${type ?? ''} ${code ?? ''}`;
  if (/rate_limit|insufficient_quota|quota/.test(keys)) return 429;
  if (/invalid_request|invalid_prompt|context_length|unsupported/.test(keys)) return 400;
  if (/authentication|invalid_api_key/.test(keys)) return 401;
  if (/not_found/.test(keys)) return 404;
  if (/server_error|internal/.test(keys)) return 500;
  return 502;
}

/**
 * Reads an upstream in-band error object (from an `error` event, either shape, or from
 * `response.failed`) into an error chunk payload.
 *
 * @example
 * chunkErrorFromOpenAIResponsesError({ type: 'insufficient_quota', code: 'insufficient_quota', message: 'quota' });
 * // { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 429, message: 'quota', upstreamType: 'insufficient_quota', upstreamCode: 'insufficient_quota' }
 */
export function chunkErrorFromOpenAIResponsesError(error: ResponsesErrorObject): ChunkError {
  const type = error.type ?? undefined;
  const code = error.code == null ? undefined : String(error.code);
  return {
    code: 'GW_ERR_UPSTREAM_STREAM_ERROR',
    statusCode: statusForUpstream(type, code),
    message: error.message ?? 'Upstream stream error',
    ...(type === undefined ? {} : { upstreamType: type }),
    ...(code === undefined ? {} : { upstreamCode: code }),
    ...(error.param == null ? {} : { param: error.param }),
  };
}

/**
 * Reads an upstream HTTP error response into a `GW_ERR_UPSTREAM_HTTP` error carrying the
 * upstream status, type, code, param and `Retry-After` (seconds; `retry-after-ms` wins).
 *
 * @param body the response body, parsed JSON or raw text
 * @example
 * readOpenAIResponsesError(429, { error: { type: 'insufficient_quota', message: 'quota' } }, { retryAfter: '3' }).info.retryAfterSeconds; // 3
 */
export function readOpenAIResponsesError(
  statusCode: number,
  body: unknown,
  headers: { readonly retryAfter?: string | null; readonly retryAfterMs?: string | null } = {},
): GatewayError {
  const parsed = typeof body === 'string' ? tryParse(body) : body;
  const nested = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
  const error = (typeof nested === 'object' && nested !== null ? nested : {}) as ResponsesErrorObject;
  const text = typeof body === 'string' ? body.slice(0, 500) : undefined;
  const retryAfterSeconds = parseRetryAfter(headers);
  return new GatewayError('GW_ERR_UPSTREAM_HTTP', error.message ?? text ?? `Upstream returned HTTP ${statusCode}`, {
    statusCode,
    retryable: statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500,
    info: {
      ...{},
      ...(error.type == null ? {} : { upstreamType: error.type }),
      ...(error.code == null ? {} : { upstreamCode: String(error.code) }),
      ...(error.param == null ? {} : { param: error.param }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    },
  });
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseRetryAfter(headers: { readonly retryAfter?: string | null; readonly retryAfterMs?: string | null }): number | undefined {
  const milliseconds = headers.retryAfterMs == null ? NaN : Number(headers.retryAfterMs);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds / 1000;
  // An HTTP-date value would need the clock, which codecs do not read; only seconds are taken.
  const seconds = headers.retryAfter == null ? NaN : Number(headers.retryAfter);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
