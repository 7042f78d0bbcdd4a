import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../streams/canonical-response.js';
import { assistantMessageOf } from './assistant-message-of.js';

const base = { finishReason: { unified: 'stop', raw: 'stop' }, usage: {}, warnings: [] } as const;

describe('assistantMessageOf', () => {
  it('should keep text, reasoning and tool calls, taking the repaired text', () => {
    const response: CanonicalResponse = {
      ...base,
      content: [
        { type: 'reasoning', text: 'hmm', providerMetadata: { openai: { encryptedContent: 'x' } } },
        { type: 'text', text: "{'a':1", providerMetadata: { structuredOutput: { repaired: true, repairedText: '{"a":1}' } } },
        { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' },
      ],
    };
    expect(assistantMessageOf(response)).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'hmm', providerMetadata: { openai: { encryptedContent: 'x' } } },
        { type: 'text', text: '{"a":1}' },
        { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' },
      ],
    });
  });

  it('should give nothing for an empty response', () => {
    expect(assistantMessageOf({ ...base, content: [] })).toBeUndefined();
  });
});
