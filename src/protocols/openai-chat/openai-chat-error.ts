import { GatewayError } from '../../errors/gateway-error.js';
import { isRecord } from './openai-chat-codec-helpers.js';
import { readOpenAIChatWireError } from './openai-chat-response-wire.js';

export interface OpenAIChatErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: string | null;
    readonly code: string | null;
    readonly details?: Readonly<Record<string, unknown>>;
  };
}

/** The OpenAI error `type` for an HTTP status (PROTOCOLS.md A.7, errors by status). */
function typeForStatus(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 504) return 'timeout';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** Anthropic's 529 (overloaded) is served as 503; anything outside 4xx/5xx as 502. */
function clientStatus(status: number): number {
  if (status === 529) return 503;
  return status >= 400 && status <= 599 ? status : 502;
}

/** `GW_ERR_INPUT_LIMIT_EXCEEDED` → `input_limit_exceeded`. */
function codeFromGatewayCode(code: string): string {
  return code.replace(/^GW_ERR_/, '').toLowerCase();
}

/**
 * Renders a GatewayError as an OpenAI error body and HTTP status; the upstream's own `type` and
 * `code` are kept when there were any, `info.details` goes under `error.details`.
 *
 * @see https://platform.openai.com/docs/guides/error-codes
 * @example
 * renderOpenAIChatError(new GatewayError('GW_ERR_INVALID_REQUEST', 'bad', { info: { param: 'messages' } }));
 * // { statusCode: 400, body: { error: { message: 'bad', type: 'invalid_request_error', param: 'messages', code: 'invalid_request' } } }
 */
export function renderOpenAIChatError(error: GatewayError): { statusCode: number; body: OpenAIChatErrorBody } {
  const statusCode = clientStatus(error.statusCode);
  const details = error.info.details;
  return {
    statusCode,
    body: {
      error: {
        message: error.message,
        type: error.info.upstreamType ?? typeForStatus(statusCode),
        param: error.info.param ?? null,
        code: error.info.upstreamCode ?? codeFromGatewayCode(error.code),
        ...(details === undefined ? {} : { details }),
      },
    },
  };
}

const retryableStatuses: ReadonlySet<number> = new Set([408, 409, 429]);

/**
 * Reads an OpenAI-compatible upstream's HTTP error into a GatewayError (`GW_ERR_UPSTREAM_HTTP`,
 * statusCode = the upstream's). Accepts `{error:{message,type,code,param}}`, `{error:"text"}`,
 * vLLM's top-level `{object:"error", message, type, code}`, and plain text.
 *
 * @example
 * readOpenAIChatUpstreamError(400, '{"error":{"message":"Unsupported parameter","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}');
 * // GatewayError { code: 'GW_ERR_UPSTREAM_HTTP', statusCode: 400, info: { upstreamType: 'invalid_request_error', upstreamCode: 'unsupported_parameter', param: 'max_tokens' } }
 */
export function readOpenAIChatUpstreamError(status: number, bodyText: string, retryAfterSeconds?: number): GatewayError {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const wire = isRecord(json) ? readOpenAIChatWireError(json.error ?? (typeof json.message === 'string' ? json : undefined)) : undefined;
  const text = bodyText.trim();
  const message =
    wire?.message ?? (text === '' ? `Upstream returned HTTP ${status}` : text.length > 2000 ? `${text.slice(0, 2000)}…` : text);
  return new GatewayError('GW_ERR_UPSTREAM_HTTP', message, {
    statusCode: status,
    retryable: retryableStatuses.has(status) || status >= 500,
    info: {
      ...{},
      ...(wire?.type === undefined ? {} : { upstreamType: wire.type }),
      ...(wire?.code === undefined ? {} : { upstreamCode: wire.code }),
      ...(wire?.param === undefined ? {} : { param: wire.param }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    },
  });
}
