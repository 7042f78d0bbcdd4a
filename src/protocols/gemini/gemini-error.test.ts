import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors/gateway-error.js';
import { readGeminiExchanges } from './gemini-fixture-replay.js';
import { readGeminiUpstreamError, renderGeminiError } from './gemini-error.js';

describe('readGeminiUpstreamError', () => {
  it('should read RetryInfo.retryDelay from the recorded 429 body', () => {
    const error = readGeminiUpstreamError(429, readGeminiExchanges('google-429-retry-info.json')[0].events[0]);
    expect(error.code).toBe('GW_ERR_UPSTREAM_HTTP');
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.info).toMatchObject({ upstreamType: 'RESOURCE_EXHAUSTED', retryAfterSeconds: 34.4 });
    expect(error.message).toBe('You exceeded your current quota, please check your plan.');
  });

  it('should prefer the Retry-After header and read array-wrapped bodies', () => {
    const body = '[{"error":{"code":400,"message":"bad key","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}]';
    const error = readGeminiUpstreamError(400, body, 5);
    expect(error.info).toMatchObject({ upstreamType: 'INVALID_ARGUMENT', upstreamCode: 'API_KEY_INVALID', retryAfterSeconds: 5 });
    expect(error.isRetryable).toBe(false);
  });

  it('should read the recorded 404 stream error and survive a non-JSON body', () => {
    const exchange = readGeminiExchanges('Chats_Tests_sendMessage_Send_message_stream_with_error.json')[0];
    expect(readGeminiUpstreamError(404, exchange.events[0]).info.upstreamType).toBe('NOT_FOUND');
    const html = readGeminiUpstreamError(502, '<html>bad gateway</html>');
    expect(html.statusCode).toBe(502);
    expect(html.message).toContain('bad gateway');
  });
});

describe('renderGeminiError', () => {
  it.each([
    [400, 400, 'INVALID_ARGUMENT'],
    [401, 401, 'UNAUTHENTICATED'],
    [403, 403, 'PERMISSION_DENIED'],
    [404, 404, 'NOT_FOUND'],
    [413, 413, 'INVALID_ARGUMENT'],
    [429, 429, 'RESOURCE_EXHAUSTED'],
    [500, 500, 'INTERNAL'],
    [503, 503, 'UNAVAILABLE'],
    [529, 503, 'UNAVAILABLE'],
    [504, 504, 'DEADLINE_EXCEEDED'],
  ])('should render status %i as HTTP %i %s', (status, httpStatus, rpcStatus) => {
    const rendered = renderGeminiError(new GatewayError('GW_ERR_UPSTREAM_HTTP', 'm', { statusCode: status }));
    expect(rendered.statusCode).toBe(httpStatus);
    expect(rendered.body.error).toMatchObject({ code: httpStatus, message: 'm', status: rpcStatus });
  });

  it('should carry the gateway code and a retry delay in details', () => {
    const rendered = renderGeminiError(new GatewayError('GW_ERR_RATE_LIMITED', 'slow', { info: { retryAfterSeconds: 3 } }));
    expect(rendered.body.error.details).toEqual([
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'GW_ERR_RATE_LIMITED', domain: 'llm-interactive-proxy' },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' },
    ]);
  });
});
