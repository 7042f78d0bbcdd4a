import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/fixtures/read-fixture.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { readOpenAIChatUpstreamError, renderOpenAIChatError } from './openai-chat-error.js';

describe('renderOpenAIChatError', () => {
  it('should render our own errors with a type per status and a snake_case code', () => {
    const rendered = renderOpenAIChatError(
      new GatewayError('GW_ERR_INPUT_LIMIT_EXCEEDED', 'too long', { info: { details: { model: 'm', limit: 10, measured: 12 } } }),
    );
    expect(rendered).toEqual({
      statusCode: 400,
      body: { error: { message: 'too long', type: 'invalid_request_error', param: null, code: 'input_limit_exceeded', details: { model: 'm', limit: 10, measured: 12 } } },
    });
  });

  it.each([
    ['GW_ERR_INVALID_REQUEST', 400, 'invalid_request_error'],
    ['GW_ERR_UNAUTHORIZED', 401, 'authentication_error'],
    ['GW_ERR_FORBIDDEN', 403, 'permission_error'],
    ['GW_ERR_NOT_FOUND', 404, 'invalid_request_error'],
    ['GW_ERR_BODY_TOO_LARGE', 413, 'invalid_request_error'],
    ['GW_ERR_RATE_LIMITED', 429, 'rate_limit_error'],
    ['GW_ERR_INTERNAL', 500, 'server_error'],
    ['GW_ERR_UPSTREAM_CONNECT', 502, 'server_error'],
    ['GW_ERR_UPSTREAM_TIMEOUT', 504, 'timeout'],
  ] as const)('should render %s as %i %s', (code, status, type) => {
    const rendered = renderOpenAIChatError(new GatewayError(code, 'x'));
    expect(rendered.statusCode).toBe(status);
    expect(rendered.body.error.type).toBe(type);
  });

  it('should keep the upstream type, code and param, and serve 529 as 503', () => {
    const rendered = renderOpenAIChatError(
      new GatewayError('GW_ERR_UPSTREAM_HTTP', 'Overloaded', { statusCode: 529, info: { upstreamType: 'overloaded_error', upstreamCode: 'overloaded', param: 'model' } }),
    );
    expect(rendered).toEqual({ statusCode: 503, body: { error: { message: 'Overloaded', type: 'overloaded_error', param: 'model', code: 'overloaded' } } });
  });
});

describe('readOpenAIChatUpstreamError', () => {
  it('should read the recorded OpenAI 400 error body', () => {
    const error = readOpenAIChatUpstreamError(400, readFixture('openai-chat/reasoning-model-legacy-parameter-error.json'));
    expect(error.code).toBe('GW_ERR_UPSTREAM_HTTP');
    expect(error.statusCode).toBe(400);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain("'max_tokens' is not supported");
    expect(error.info).toEqual({ upstreamType: 'invalid_request_error', upstreamCode: 'unsupported_parameter', param: 'max_tokens' });
  });

  it('should keep Retry-After and mark 429 and 5xx retryable', () => {
    const error = readOpenAIChatUpstreamError(429, '{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}}', 12);
    expect(error.info).toMatchObject({ upstreamCode: 'rate_limit_exceeded', retryAfterSeconds: 12 });
    expect(error.isRetryable).toBe(true);
    expect(readOpenAIChatUpstreamError(503, 'Service Unavailable').isRetryable).toBe(true);
  });

  it('should read vLLM top-level errors, string errors and plain text', () => {
    expect(readOpenAIChatUpstreamError(400, '{"object":"error","message":"bad model","type":"BadRequestError","code":400}').info).toMatchObject({ upstreamType: 'BadRequestError', upstreamCode: '400' });
    expect(readOpenAIChatUpstreamError(500, '{"error":"kaputt"}').message).toBe('kaputt');
    expect(readOpenAIChatUpstreamError(502, '<html>Bad Gateway</html>').message).toBe('<html>Bad Gateway</html>');
    expect(readOpenAIChatUpstreamError(502, '').message).toBe('Upstream returned HTTP 502');
  });
});
