import { describe, expect, it } from 'vitest';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { mapGeminiFinishReason, toGeminiFinishReason } from './map-gemini-finish-reason.js';
import { effortForBudget, encodeGeminiThinkingConfig, geminiThinkingBudgets } from './map-gemini-reasoning.js';

describe('geminiThinkingBudgets', () => {
  it('should pin the effort table', () => {
    expect(geminiThinkingBudgets).toEqual({ none: 0, minimal: 512, low: 1024, medium: 8192, high: 24576, xhigh: 32768, max: 32768 });
  });

  it('should prefer an explicit budget and honour includeThoughts', () => {
    expect(encodeGeminiThinkingConfig({ effort: 'high', budgetTokens: 300 })).toEqual({ thinkingBudget: 300, includeThoughts: true });
    expect(encodeGeminiThinkingConfig({ effort: 'high', includeThoughts: false })).toEqual({ thinkingBudget: 24576 });
    expect(effortForBudget(50)).toBe('minimal');
    expect(effortForBudget(100000)).toBe('max');
  });
});

describe('mapGeminiFinishReason', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool-calls'],
    ['MAX_TOKENS', true, 'length'],
    ['SAFETY', false, 'content-filter'],
    ['SPII', false, 'content-filter'],
    ['IMAGE_SAFETY', false, 'content-filter'],
    ['LANGUAGE', false, 'content-filter'],
    ['UNEXPECTED_TOOL_CALL', false, 'error'],
    ['TOO_MANY_TOOL_CALLS', false, 'error'],
    ['OTHER', false, 'other'],
    ['FINISH_REASON_UNSPECIFIED', false, 'other'],
  ] as const)('should map %s (tool calls: %s) to %s', (raw, hasToolCalls, unified) => {
    expect(mapGeminiFinishReason(raw, hasToolCalls)).toEqual({ unified, raw });
  });

  it('should map unified reasons back', () => {
    expect(toGeminiFinishReason({ unified: 'tool-calls', raw: 'tool_use' })).toBe('STOP');
    expect(toGeminiFinishReason({ unified: 'stop', raw: 'end_turn' })).toBe('STOP');
    expect(toGeminiFinishReason({ unified: 'error', raw: undefined })).toBe('OTHER');
    expect(toGeminiFinishReason({ unified: 'error', raw: 'MALFORMED_FUNCTION_CALL' })).toBe('MALFORMED_FUNCTION_CALL');
  });
});

describe('convertGeminiUsage', () => {
  it('should add thoughts to output and ignore metadata without counts', () => {
    expect(convertGeminiUsage({ promptTokenCount: 9, candidatesTokenCount: 23, thoughtsTokenCount: 185, totalTokenCount: 217, cachedContentTokenCount: 4 })).toMatchObject({
      inputTokens: 9, outputTokens: 208, reasoningTokens: 185, totalTokens: 217, cachedInputTokens: 4,
    });
    expect(convertGeminiUsage({ trafficType: 'ON_DEMAND' } as never)).toBeUndefined();
  });
});
