/**
 * The catalogue of gateway error codes. Tests assert on these codes, never on message text.
 * Each code carries its default HTTP status and whether a retry or failover may help.
 */
export const errorCodes = {
  GW_ERR_BAD_JSON: { statusCode: 400, retryable: false },
  GW_ERR_INVALID_REQUEST: { statusCode: 400, retryable: false },
  GW_ERR_UNKNOWN_BACKEND: { statusCode: 400, retryable: false },
  GW_ERR_INPUT_LIMIT_EXCEEDED: { statusCode: 400, retryable: false },
  GW_ERR_UNAUTHORIZED: { statusCode: 401, retryable: false },
  GW_ERR_FORBIDDEN: { statusCode: 403, retryable: false },
  GW_ERR_NOT_FOUND: { statusCode: 404, retryable: false },
  GW_ERR_BODY_TOO_LARGE: { statusCode: 413, retryable: false },
  GW_ERR_RATE_LIMITED: { statusCode: 429, retryable: true },
  GW_ERR_INTERNAL: { statusCode: 500, retryable: false },
  GW_ERR_NO_CREDENTIALS: { statusCode: 503, retryable: false },
  /** The upstream answered with an HTTP error; the status is the upstream's. */
  GW_ERR_UPSTREAM_HTTP: { statusCode: 502, retryable: true },
  /** The upstream could not be reached (refused, reset, DNS). */
  GW_ERR_UPSTREAM_CONNECT: { statusCode: 502, retryable: true },
  GW_ERR_UPSTREAM_TIMEOUT: { statusCode: 504, retryable: true },
  /** The upstream stream broke or sent something we cannot read. */
  GW_ERR_UPSTREAM_PROTOCOL: { statusCode: 502, retryable: true },
  GW_ERR_UPSTREAM_STREAM_ERROR: { statusCode: 502, retryable: false },
} as const satisfies Record<string, { statusCode: number; retryable: boolean }>;

export type GatewayErrorCode = keyof typeof errorCodes;
