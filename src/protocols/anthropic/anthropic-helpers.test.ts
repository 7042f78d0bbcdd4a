import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage, overlayAnthropicUsage, toAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicFinishReason, toAnthropicStopReason } from './map-anthropic-finish-reason.js';
import { anthropicThinkingBudgets, planAnthropicThinking } from './map-anthropic-reasoning.js';
import { sanitizeAnthropicToolId } from './sanitize-anthropic-tool-id.js';

describe('mapAnthropicFinishReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['tool_use', 'tool-calls'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['refusal', 'content-filter'],
    ['something_new', 'other'],
  ])('should map %s to %s', (raw, unified) => {
    expect(mapAnthropicFinishReason(raw)).toEqual({ unified, raw });
  });

  it('should map a missing stop reason to other', () => {
    expect(mapAnthropicFinishReason(null)).toEqual({ unified: 'other', raw: undefined });
  });
});

describe('toAnthropicStopReason', () => {
  it.each([
    [{ unified: 'stop', raw: 'stop' }, false, 'end_turn'],
    [{ unified: 'stop', raw: 'STOP' }, true, 'tool_use'],
    [{ unified: 'tool-calls', raw: 'tool_calls' }, true, 'tool_use'],
    [{ unified: 'length', raw: 'MAX_TOKENS' }, false, 'max_tokens'],
    [{ unified: 'length', raw: 'model_context_window_exceeded' }, false, 'model_context_window_exceeded'],
    [{ unified: 'content-filter', raw: 'SAFETY' }, false, 'refusal'],
    [{ unified: 'stop', raw: 'pause_turn' }, false, 'pause_turn'],
    [{ unified: 'error', raw: undefined }, false, 'end_turn'],
  ] as const)('should map %o (tool calls: %s) to %s', (reason, hasToolCalls, expected) => {
    expect(toAnthropicStopReason(reason, hasToolCalls)).toBe(expected);
  });
});

describe('convertAnthropicUsage', () => {
  it('should add cache reads and writes to the input and keep the raw numbers', () => {
    const raw = { input_tokens: 10, cache_read_input_tokens: 5, cache_creation_input_tokens: 2, output_tokens: 3, output_tokens_details: { thinking_tokens: 1 } };
    expect(convertAnthropicUsage(raw)).toEqual({ inputTokens: 17, outputTokens: 3, totalTokens: 20, reasoningTokens: 1, cachedInputTokens: 5, raw });
  });

  it('should overlay later reports instead of adding them', () => {
    expect(overlayAnthropicUsage({ input_tokens: 43, output_tokens: 1 }, { input_tokens: 61, output_tokens: 2, cache_read_input_tokens: null })).toEqual({
      input_tokens: 61,
      output_tokens: 2,
    });
  });

  it('should render canonical usage back without double-counting the cache', () => {
    expect(toAnthropicUsage(convertAnthropicUsage({ input_tokens: 10, cache_read_input_tokens: 5, cache_creation_input_tokens: 2, output_tokens: 3 }))).toEqual({
      input_tokens: 10,
      output_tokens: 3,
      cache_creation_input_tokens: 2,
      cache_read_input_tokens: 5,
    });
  });
});

describe('planAnthropicThinking', () => {
  it('should pin the effort table', () => {
    expect(anthropicThinkingBudgets).toEqual({ minimal: 1024, low: 1024, medium: 2048, high: 4096, xhigh: 8192, max: 16384 });
  });

  it('should keep the budget below max_tokens and respect none and zero', () => {
    expect(planAnthropicThinking({ effort: 'medium' }, 10_000)).toEqual({ budgetTokens: 2048, maxTokens: 10_000 });
    expect(planAnthropicThinking({ effort: 'max' }, 16_384)).toEqual({ budgetTokens: 16_384, maxTokens: 32_768 });
    expect(planAnthropicThinking({ effort: 'none', budgetTokens: 5000 }, 1000)).toEqual({ budgetTokens: undefined, maxTokens: 1000 });
    expect(planAnthropicThinking({ budgetTokens: 0 }, 1000)).toEqual({ budgetTokens: undefined, maxTokens: 1000 });
    expect(planAnthropicThinking(undefined, 1000)).toEqual({ budgetTokens: undefined, maxTokens: 1000 });
  });
});

describe('sanitizeAnthropicToolId', () => {
  it('should keep valid ids and map invalid ones deterministically and distinctly', () => {
    expect(sanitizeAnthropicToolId('toolu_01-A')).toBe('toolu_01-A');
    const a = sanitizeAnthropicToolId('call:1');
    expect(a).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(sanitizeAnthropicToolId('call:1')).toBe(a);
    expect(sanitizeAnthropicToolId('call/1')).not.toBe(a);
    expect(sanitizeAnthropicToolId('')).toMatch(/^toolu_[0-9a-f]{8}$/);
  });
});
