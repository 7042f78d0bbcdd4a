import { describe, expect, it } from 'vitest';
import { convertOpenAIChatUsage, convertToOpenAIChatUsage } from './convert-openai-chat-usage.js';

describe('convertOpenAIChatUsage', () => {
  it('should read counts and details, keeping the wire object as raw', () => {
    const wire = { prompt_tokens: 339, completion_tokens: 83, total_tokens: 422, prompt_tokens_details: { cached_tokens: 320 }, completion_tokens_details: { reasoning_tokens: 39 }, prompt_cache_hit_tokens: 320 };
    expect(convertOpenAIChatUsage(wire)).toEqual({ inputTokens: 339, outputTokens: 83, totalTokens: 422, cachedInputTokens: 320, reasoningTokens: 39, raw: wire });
  });

  it('should leave out counts the upstream did not send', () => {
    expect(convertOpenAIChatUsage({ prompt_tokens: 3 })).toEqual({ inputTokens: 3, raw: { prompt_tokens: 3 } });
  });
});

describe('convertToOpenAIChatUsage', () => {
  it('should fill zeros and sum the total when missing', () => {
    expect(convertToOpenAIChatUsage({ inputTokens: 2, outputTokens: 3 })).toEqual({
      prompt_tokens: 2, completion_tokens: 3, total_tokens: 5, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(convertToOpenAIChatUsage({ totalTokens: 9 }).total_tokens).toBe(9);
  });
});
