import { GatewayError } from '../../errors/gateway-error.js';
import { geminiErrorObjectCodec, type GeminiErrorObject } from './gemini-wire.js';

/** Google RPC status names a client may see; an upstream's own status is passed through when known. */
const rpcStatuses = new Set([
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
]);

export interface GeminiErrorBody {
  readonly error: {
    readonly code: number;
    readonly message: string;
    readonly status: string;
    readonly details?: readonly Readonly<Record<string, unknown>>[];
  };
}

/**
 * The HTTP status and RPC status a Gemini client gets for a gateway status (PROTOCOLS.md A.6/A.7).
 * Anthropic's 529 (overloaded) becomes 503 UNAVAILABLE; 413 stays 413 with INVALID_ARGUMENT.
 *
 * @example
 * geminiStatusFor(529); // { statusCode: 503, status: 'UNAVAILABLE' }
 */
export function geminiStatusFor(statusCode: number): { statusCode: number; status: string } {
  switch (statusCode) {
    case 400:
    case 413:
      return { statusCode, status: 'INVALID_ARGUMENT' };
    case 401:
      return { statusCode, status: 'UNAUTHENTICATED' };
    case 403:
      return { statusCode, status: 'PERMISSION_DENIED' };
    case 404:
      return { statusCode, status: 'NOT_FOUND' };
    case 409:
      return { statusCode, status: 'ABORTED' };
    case 429:
      return { statusCode, status: 'RESOURCE_EXHAUSTED' };
    case 499:
      return { statusCode, status: 'CANCELLED' };
    case 501:
      return { statusCode, status: 'UNIMPLEMENTED' };
    case 502:
    case 503:
      return { statusCode, status: 'UNAVAILABLE' };
    case 529:
      return { statusCode: 503, status: 'UNAVAILABLE' };
    case 504:
      return { statusCode, status: 'DEADLINE_EXCEEDED' };
    default:
      return statusCode >= 500 ? { statusCode, status: 'INTERNAL' } : { statusCode, status: 'INVALID_ARGUMENT' };
  }
}

/**
 * Renders a GatewayError as the Gemini error body and HTTP status. The gateway code travels as a
 * `google.rpc.ErrorInfo` reason, and a retry hint as `google.rpc.RetryInfo.retryDelay`, which
 * Gemini clients (gemini-cli) read for back-off. An upstream Gemini status (`FAILED_PRECONDITION`)
 * is kept when the upstream supplied one.
 *
 * @example
 * renderGeminiError(new GatewayError('GW_ERR_RATE_LIMITED', 'slow down', { info: { retryAfterSeconds: 3 } }));
 * // { statusCode: 429, body: { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED', details: [...] } } }
 */
export function renderGeminiError(error: GatewayError): { statusCode: number; body: GeminiErrorBody } {
  const mapped = geminiStatusFor(error.statusCode);
  const upstream = error.info.upstreamType;
  const status = upstream !== undefined && rpcStatuses.has(upstream) && error.statusCode === mapped.statusCode ? upstream : mapped.status;
  const details: Record<string, unknown>[] = [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: error.code,
      domain: 'llm-interactive-proxy',
      // google.rpc.ErrorInfo.metadata is a string map: the context-window numbers go here.
      ...(error.info.details === undefined
        ? {}
        : { metadata: Object.fromEntries(Object.entries(error.info.details).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])) }),
    },
  ];
  if (error.info.retryAfterSeconds !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.info.retryAfterSeconds}s` });
  }
  return { statusCode: mapped.statusCode, body: { error: { code: mapped.statusCode, message: error.message, status, details } } };
}

/**
 * Reads an upstream Gemini HTTP error into a `GW_ERR_UPSTREAM_HTTP` GatewayError with the
 * upstream's status. The body may be wrapped in `[ … ]` (JSON-array stream mode) or not be JSON at
 * all. `info.upstreamType` is the RPC status (`RESOURCE_EXHAUSTED`), `info.upstreamCode` the
 * `ErrorInfo.reason` (`API_KEY_INVALID`) when present, and `info.retryAfterSeconds` the
 * `Retry-After` header, else `google.rpc.RetryInfo.retryDelay` (`"34.4s"` → 34.4).
 *
 * @example
 * readGeminiUpstreamError(429, fixtureText).info.retryAfterSeconds; // 34.4
 */
export function readGeminiUpstreamError(status: number, bodyText: string, retryAfterSeconds?: number): GatewayError {
  const parsed = parseErrorObject(bodyText);
  const message = parsed?.message ?? (bodyText.trim().length > 0 ? bodyText.trim().slice(0, 500) : `Upstream returned HTTP ${status}`);
  const details = parsed?.details ?? [];
  const retryDelay = retryAfterSeconds ?? retryDelayOf(details);
  const reason = reasonOf(details);
  return new GatewayError('GW_ERR_UPSTREAM_HTTP', message, {
    statusCode: status,
    retryable: status === 408 || status === 429 || status >= 500,
    info: {
      ...{},
      ...(parsed?.status == null ? {} : { upstreamType: parsed.status }),
      ...(reason === undefined ? {} : { upstreamCode: reason }),
      ...(retryDelay === undefined ? {} : { retryAfterSeconds: retryDelay }),
      ...(details.length === 0 ? {} : { details: { details } }),
    },
  });
}

/** Reads the `error` object out of a Gemini error body (plain or array-wrapped). */
export function parseErrorObject(bodyText: string): GeminiErrorObject | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (Array.isArray(value)) value = value[0];
  const error = typeof value === 'object' && value !== null ? (value as { error?: unknown }).error : undefined;
  const decoded = geminiErrorObjectCodec.decode(error);
  return decoded._tag === 'Right' ? decoded.right : undefined;
}

function detailOfType(details: readonly unknown[], suffix: string): Record<string, unknown> | undefined {
  for (const detail of details) {
    if (typeof detail !== 'object' || detail === null) continue;
    const type = (detail as Record<string, unknown>)['@type'];
    if (typeof type === 'string' && type.endsWith(suffix)) return detail as Record<string, unknown>;
  }
  return undefined;
}

function retryDelayOf(details: readonly unknown[]): number | undefined {
  const delay = detailOfType(details, 'google.rpc.RetryInfo')?.retryDelay;
  if (typeof delay !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
  return match === null ? undefined : Number(match[1]);
}

function reasonOf(details: readonly unknown[]): string | undefined {
  const reason = detailOfType(details, 'google.rpc.ErrorInfo')?.reason;
  return typeof reason === 'string' ? reason : undefined;
}
