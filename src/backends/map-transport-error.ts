import { GatewayError, isGatewayError } from '../errors/index.js';
import { UpstreamAbortedError } from '../streams/abort-reason.js';

const timeoutCodes: Readonly<Record<string, string>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connecting',
  UND_ERR_HEADERS_TIMEOUT: 'waiting for the first byte',
  UND_ERR_BODY_TIMEOUT: 'waiting for the next chunk',
};

/**
 * Turns an undici or socket error into a GatewayError that names the backend and what failed,
 * and never the request's headers (which hold the key).
 */
export function mapTransportError(error: unknown, backend: string): GatewayError {
  if (isGatewayError(error)) return error;
  if (error instanceof UpstreamAbortedError) {
    return new GatewayError('GW_ERR_UPSTREAM_CONNECT', `Upstream request to ${backend} aborted: ${error.reason}`, { cause: error, info: { backend } });
  }
  const code = errorCode(error);
  const phase = code === undefined ? undefined : timeoutCodes[code];
  if (phase !== undefined) {
    return new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', `Backend ${backend} timed out ${phase}`, { cause: error, info: { backend } });
  }
  const detail = code ?? (error instanceof Error ? error.message : 'unknown error');
  return new GatewayError('GW_ERR_UPSTREAM_CONNECT', `Backend ${backend} could not be reached (${detail})`, { cause: error, info: { backend } });
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
