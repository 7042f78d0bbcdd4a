import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors/index.js';
import { anthropicStreamErrorPayload, readAnthropicUpstreamError, renderAnthropicError } from './anthropic-error.js';

describe('renderAnthropicError', () => {
  it.each([
    ['GW_ERR_INVALID_REQUEST', 400, 'invalid_request_error'],
    ['GW_ERR_UNAUTHORIZED', 401, 'authentication_error'],
    ['GW_ERR_FORBIDDEN', 403, 'permission_error'],
    ['GW_ERR_NOT_FOUND', 404, 'not_found_error'],
    ['GW_ERR_BODY_TOO_LARGE', 413, 'request_too_large'],
    ['GW_ERR_RATE_LIMITED', 429, 'rate_limit_error'],
    ['GW_ERR_INTERNAL', 500, 'api_error'],
    ['GW_ERR_UPSTREAM_CONNECT', 502, 'api_error'],
    ['GW_ERR_UPSTREAM_TIMEOUT', 504, 'timeout_error'],
  ] as const)('should render %s as %i %s', (code, status, type) => {
    expect(renderAnthropicError(new GatewayError(code, 'm'))).toEqual({ statusCode: status, body: { type: 'error', error: { type, message: 'm' } } });
  });

  it('should serve an upstream 503 as 529 overloaded_error', () => {
    expect(renderAnthropicError(new GatewayError('GW_ERR_UPSTREAM_HTTP', 'busy', { statusCode: 503 }))).toEqual({
      statusCode: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } },
    });
  });

  it('should keep an Anthropic upstream type and prefix context-window errors', () => {
    const billing = new GatewayError('GW_ERR_UPSTREAM_HTTP', 'pay', { statusCode: 400, info: { upstreamType: 'billing_error' } });
    expect(renderAnthropicError(billing).body.error.type).toBe('billing_error');
    const tooLong = renderAnthropicError(new GatewayError('GW_ERR_INPUT_LIMIT_EXCEEDED', '210000 tokens > 200000'));
    expect(tooLong.body.error.message).toBe('prompt is too long: 210000 tokens > 200000');
  });
});

describe('anthropicStreamErrorPayload', () => {
  it('should give the in-band error its Anthropic type', () => {
    expect(anthropicStreamErrorPayload({ code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 529, message: 'Overloaded' })).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });
});

describe('readAnthropicUpstreamError', () => {
  it('should read type, message, status and retry-after', () => {
    const error = readAnthropicUpstreamError(429, '{"type":"error","error":{"type":"rate_limit_error","message":"slow"},"request_id":"r"}', 7);
    expect(error.code).toBe('GW_ERR_UPSTREAM_HTTP');
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe('slow');
    expect(error.info).toEqual({ upstreamType: 'rate_limit_error', retryAfterSeconds: 7 });
  });

  it('should survive a non-JSON body', () => {
    const error = readAnthropicUpstreamError(400, '<html>bad gateway</html>');
    expect(error.message).toBe('<html>bad gateway</html>');
    expect(error.isRetryable).toBe(false);
    expect(readAnthropicUpstreamError(500, '').message).toBe('Upstream HTTP 500');
  });
});
