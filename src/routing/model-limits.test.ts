import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/index.js';
import type { CanonicalRequest } from '../streams/canonical-request.js';
import { checkInputLimit, resolveModelLimits, type LimitsConfig } from './model-limits.js';

const config: LimitsConfig = {
  byKey: {
    'gpt-4o': { context_window: 128_000, max_output_tokens: 16_384, requests_per_minute: 60 },
    'openai:gpt-4o': { max_input_tokens: 100_000 },
    'openrouter:gpt-4o': { context_window: 64_000, tokens_per_minute: 1_000_000 },
    small: { max_input_tokens: 10 },
  },
};

const prompt: CanonicalRequest = {
  model: 'small',
  stream: false,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'This prompt is certainly longer than ten tokens once it is measured.' }] }],
};

describe('resolveModelLimits', () => {
  it('should merge backend:model over plain model, field by field', () => {
    expect(resolveModelLimits(config, 'openai', 'gpt-4o')).toEqual({
      contextWindow: 128_000,
      maxInputTokens: 100_000,
      maxOutputTokens: 16_384,
      requestsPerMinute: 60,
      inputLimit: 100_000,
    });
    expect(resolveModelLimits(config, 'openrouter', 'gpt-4o')).toMatchObject({ contextWindow: 64_000, inputLimit: 64_000, tokensPerMinute: 1_000_000 });
  });

  it('should look up the base backend of an instance', () => {
    expect(resolveModelLimits(config, 'openai.2', 'gpt-4o')).toMatchObject({ inputLimit: 100_000 });
  });

  it('should fall back to context_window as the input limit', () => {
    expect(resolveModelLimits(config, 'anthropic', 'gpt-4o').inputLimit).toBe(128_000);
  });

  it('should let forceContextWindow override the window', () => {
    expect(resolveModelLimits(config, 'anthropic', 'gpt-4o', 8_192)).toMatchObject({ contextWindow: 8_192, inputLimit: 8_192 });
    expect(resolveModelLimits(config, 'openai', 'gpt-4o', 8_192)).toMatchObject({ contextWindow: 8_192, inputLimit: 100_000 });
    expect(resolveModelLimits(config, 'x', 'unknown', 4_096).inputLimit).toBe(4_096);
  });

  it('should know nothing of an unlisted model', () => {
    expect(resolveModelLimits(config, 'x', 'unknown').inputLimit).toBeUndefined();
  });
});

describe('checkInputLimit', () => {
  // SEED-SPEC §13.18 / the seed's "Context Window Enforcement": max_input_tokens 10, a longer prompt.
  it('should reject a prompt over the input limit with {model, limit, measured}', () => {
    let error: unknown;
    try {
      checkInputLimit(prompt, 'custom', 'small', resolveModelLimits(config, 'custom', 'small'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GatewayError);
    const gatewayError = error as GatewayError;
    expect(gatewayError.code).toBe('GW_ERR_INPUT_LIMIT_EXCEEDED');
    expect(gatewayError.statusCode).toBe(400);
    expect(gatewayError.message).toMatch(/^Input token limit exceeded: \d+ tokens measured, the limit for /);
    expect(gatewayError.info.details).toMatchObject({ model: 'small', limit: 10 });
    expect(gatewayError.info.details?.measured).toBeGreaterThan(10);
  });

  it('should pass a prompt at the limit and return the measured count', () => {
    expect(checkInputLimit(prompt, 'b', 'm', { inputLimit: 10 }, () => 10)).toBe(10);
  });

  it('should not count anything when the model has no limit', () => {
    const measure = (): number => {
      throw new Error('must not be called');
    };
    expect(checkInputLimit(prompt, 'b', 'm', {}, measure)).toBeUndefined();
  });
});
