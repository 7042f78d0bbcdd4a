import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/fixtures/read-fixture.js';
import { GatewayError } from '../../errors/index.js';
import {
  chunkErrorFromOpenAIResponsesError,
  readOpenAIResponsesError,
  renderOpenAIResponsesError,
  toOpenAIResponsesErrorEvent,
} from './openai-responses-error.js';

describe('renderOpenAIResponsesError', () => {
  it('should render the OpenAI error body with the gateway code and param', () => {
    const error = new GatewayError('GW_ERR_INVALID_REQUEST', "Invalid value for 'input[0].role'", { info: { param: 'input[0].role' } });
    expect(renderOpenAIResponsesError(error)).toEqual({
      statusCode: 400,
      body: { error: { message: "Invalid value for 'input[0].role'", type: 'invalid_request_error', param: 'input[0].role', code: 'GW_ERR_INVALID_REQUEST' } },
    });
  });

  it('should prefer the upstream type and code and map statuses to OpenAI types', () => {
    const upstream = new GatewayError('GW_ERR_UPSTREAM_HTTP', 'quota', { statusCode: 429, info: { upstreamType: 'insufficient_quota', upstreamCode: 'insufficient_quota' } });
    expect(renderOpenAIResponsesError(upstream).body.error).toMatchObject({ type: 'insufficient_quota', code: 'insufficient_quota' });
    expect(renderOpenAIResponsesError(new GatewayError('GW_ERR_RATE_LIMITED', 'x')).body.error.type).toBe('rate_limit_error');
    expect(renderOpenAIResponsesError(new GatewayError('GW_ERR_INTERNAL', 'x')).body.error.type).toBe('server_error');
    expect(renderOpenAIResponsesError(new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', 'x')).body.error.type).toBe('timeout');
  });
});

describe('readOpenAIResponsesError', () => {
  it('should read the recorded quota error body with Retry-After', () => {
    const error = readOpenAIResponsesError(429, JSON.parse(readFixture('openai-responses/openai-error.1.json')), { retryAfter: '7' });
    expect(error).toMatchObject({
      code: 'GW_ERR_UPSTREAM_HTTP',
      statusCode: 429,
      isRetryable: true,
      info: { upstreamType: 'insufficient_quota', upstreamCode: 'insufficient_quota', retryAfterSeconds: 7 },
    });
  });

  it('should read the recorded unsupported-parameter body as text, keeping param', () => {
    const error = readOpenAIResponsesError(400, readFixture('openai-responses/reasoning-model-temperature-error.json'), { retryAfterMs: '1500' });
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false, info: { upstreamType: 'invalid_request_error', param: 'temperature', retryAfterSeconds: 1.5 } });
    expect(error.info.upstreamCode).toBeUndefined();
  });

  it('should fall back to the body text when it is not JSON', () => {
    expect(readOpenAIResponsesError(502, '<html>Bad gateway</html>').message).toBe('<html>Bad gateway</html>');
  });
});

describe('toOpenAIResponsesErrorEvent', () => {
  it('should put the fields at the top level and nested under error (D.19)', () => {
    expect(toOpenAIResponsesErrorEvent({ code: 'GW_ERR_UPSTREAM_TIMEOUT', statusCode: 504, message: 'late', param: 'x' })).toEqual({
      type: 'error',
      code: 'GW_ERR_UPSTREAM_TIMEOUT',
      message: 'late',
      param: 'x',
      error: { type: 'timeout', code: 'GW_ERR_UPSTREAM_TIMEOUT', message: 'late', param: 'x' },
    });
  });
});

describe('chunkErrorFromOpenAIResponsesError', () => {
  it('should derive a status from the upstream type or code', () => {
    expect(chunkErrorFromOpenAIResponsesError({ code: 'server_error', message: 'x' }).statusCode).toBe(500);
    expect(chunkErrorFromOpenAIResponsesError({ type: 'invalid_request_error', message: 'x' }).statusCode).toBe(400);
    expect(chunkErrorFromOpenAIResponsesError({ code: 'weird' })).toEqual({ code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 502, message: 'Upstream stream error', upstreamCode: 'weird' });
  });
});
