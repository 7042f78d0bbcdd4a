import { describe, expect, it } from 'vitest';
import { GatewayError, type GatewayErrorCode } from '../errors/index.js';
import { classifyFailure } from './classify-failure.js';

const http = (statusCode: number): GatewayError => new GatewayError('GW_ERR_UPSTREAM_HTTP', `status ${statusCode}`, { statusCode });
const of = (code: GatewayErrorCode): GatewayError => new GatewayError(code, code);

describe('classifyFailure', () => {
  it('should move to the next key on 429, 401 and 403', () => {
    for (const status of [429, 401, 403]) expect(classifyFailure(http(status))).toBe('retry-next-key');
  });

  it('should fail over on 5xx, 408, connect errors, timeouts and broken streams', () => {
    for (const status of [500, 502, 503, 504, 529, 408]) expect(classifyFailure(http(status))).toBe('fail-over');
    expect(classifyFailure(of('GW_ERR_UPSTREAM_CONNECT'))).toBe('fail-over');
    expect(classifyFailure(of('GW_ERR_UPSTREAM_TIMEOUT'))).toBe('fail-over');
    expect(classifyFailure(of('GW_ERR_UPSTREAM_PROTOCOL'))).toBe('fail-over');
  });

  it('should surface other client errors', () => {
    for (const status of [400, 404, 413, 422]) expect(classifyFailure(http(status))).toBe('surface');
  });

  it('should surface the gateway own errors, including its own rate limit', () => {
    for (const code of ['GW_ERR_INPUT_LIMIT_EXCEEDED', 'GW_ERR_RATE_LIMITED', 'GW_ERR_INTERNAL', 'GW_ERR_UPSTREAM_STREAM_ERROR'] as const) {
      expect(classifyFailure(of(code))).toBe('surface');
    }
  });
});
