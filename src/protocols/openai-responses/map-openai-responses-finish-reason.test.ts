import { describe, expect, it } from 'vitest';
import type { FinishReasonUnified } from '../../streams/canonical-chunk.js';
import { convertOpenAIResponsesUsage, toOpenAIResponsesUsage } from './convert-openai-responses-usage.js';
import { mapOpenAIResponsesFinishReason, toOpenAIResponsesOutcome } from './map-openai-responses-finish-reason.js';

describe('mapOpenAIResponsesFinishReason', () => {
  it.each([
    ['completed', null, false, 'stop', 'completed'],
    ['completed', null, true, 'tool-calls', 'completed'],
    ['incomplete', 'max_output_tokens', false, 'length', 'max_output_tokens'],
    ['incomplete', 'content_filter', true, 'content-filter', 'content_filter'],
    ['incomplete', null, false, 'other', 'incomplete'],
    ['failed', null, false, 'error', 'failed'],
    ['cancelled', null, false, 'other', 'cancelled'],
  ] as const)('should map status %s / %s (calls: %s) to %s', (status, incompleteReason, hasFunctionCall, unified, raw) => {
    expect(mapOpenAIResponsesFinishReason({ status, incompleteReason, hasFunctionCall })).toEqual({ unified, raw });
  });
});

describe('toOpenAIResponsesOutcome', () => {
  it.each([
    ['stop', { status: 'completed' }],
    ['tool-calls', { status: 'completed' }],
    ['other', { status: 'completed' }],
    ['length', { status: 'incomplete', incompleteReason: 'max_output_tokens' }],
    ['content-filter', { status: 'incomplete', incompleteReason: 'content_filter' }],
    ['error', { status: 'failed' }],
  ] as const)('should map %s to %o', (unified: FinishReasonUnified, outcome) => {
    expect(toOpenAIResponsesOutcome(unified)).toEqual(outcome);
  });
});

describe('convertOpenAIResponsesUsage', () => {
  it('should read every count and keep the raw object; toOpenAIResponsesUsage should render it back', () => {
    const wire = { input_tokens: 10, input_tokens_details: { cached_tokens: 2 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 3 }, total_tokens: 15 };
    const usage = convertOpenAIResponsesUsage(wire);
    expect(usage).toEqual({ inputTokens: 10, outputTokens: 5, totalTokens: 15, reasoningTokens: 3, cachedInputTokens: 2, raw: wire });
    expect(toOpenAIResponsesUsage(usage)).toEqual(wire);
    expect(convertOpenAIResponsesUsage(null)).toEqual({});
  });
});
