import { describe, expect, it } from 'vitest';
import { mapOpenAIChatFinishReason, toOpenAIChatFinishReason } from './map-openai-chat-finish-reason.js';

describe('mapOpenAIChatFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['content_filter', 'content-filter'],
    ['insufficient_system_resource', 'other'],
    ['toString', 'other'],
  ] as const)('should map %s to %s keeping the raw value', (raw, unified) => {
    expect(mapOpenAIChatFinishReason(raw)).toEqual({ unified, raw });
  });

  it('should map a missing reason to other', () => {
    expect(mapOpenAIChatFinishReason(null)).toEqual({ unified: 'other', raw: undefined });
  });
});

describe('toOpenAIChatFinishReason', () => {
  it('should map every unified reason, and stop with tool calls to tool_calls', () => {
    expect(toOpenAIChatFinishReason('stop')).toBe('stop');
    expect(toOpenAIChatFinishReason('stop', true)).toBe('tool_calls');
    expect(toOpenAIChatFinishReason('length', true)).toBe('length');
    expect(toOpenAIChatFinishReason('tool-calls')).toBe('tool_calls');
    expect(toOpenAIChatFinishReason('content-filter')).toBe('content_filter');
    expect(toOpenAIChatFinishReason('error')).toBe('stop');
    expect(toOpenAIChatFinishReason('other', true)).toBe('stop');
  });
});
