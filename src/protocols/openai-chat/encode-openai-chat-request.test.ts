import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';
import { encodeOpenAIChatRequest } from './encode-openai-chat-request.js';

const base: CanonicalRequest = { model: 'gw:model', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: false };

describe('encodeOpenAIChatRequest', () => {
  it('should stream with include_usage always on and use the upstream model name', () => {
    const body = encodeOpenAIChatRequest({ ...base, includeUsage: false }, { model: 'gpt-4.1', stream: true });
    expect(body).toEqual({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('should send no stream fields for a non-streaming call', () => {
    const body = encodeOpenAIChatRequest(base, { model: 'm', stream: false });
    expect(body).not.toHaveProperty('stream');
    expect(body).not.toHaveProperty('stream_options');
  });

  it('should give tool-only assistant turns content null and one tool message per result', () => {
    const body = encodeOpenAIChatRequest(
      {
        ...base,
        messages: [
          ...base.messages,
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', toolCallId: 'c1', toolName: 'a', input: '{"x":1}' },
              { type: 'tool-call', toolCallId: 'c2', toolName: 'b', input: '' },
            ],
          },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: 'c1', toolName: 'a', output: [{ type: 'text', text: 'one' }] },
              { type: 'tool-result', toolCallId: 'c2', output: [{ type: 'image', mediaType: 'image/png', data: 'AAA' }] },
            ],
          },
        ],
      },
      { model: 'm', stream: false },
    );
    expect(body.messages).toEqual([
      { role: 'user', content: 'hi' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
          { id: 'c2', type: 'function', function: { name: 'b', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'one' },
      { role: 'tool', tool_call_id: 'c2', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAA' } }] },
    ]);
  });

  it('should send reasoning as reasoning_content only when it carries no foreign signature', () => {
    const body = encodeOpenAIChatRequest(
      {
        ...base,
        messages: [
          { role: 'assistant', content: [{ type: 'reasoning', text: 'mine' }, { type: 'text', text: 'A' }] },
          { role: 'assistant', content: [{ type: 'reasoning', text: 'signed', providerMetadata: { anthropic: { signature: 's' } } }, { type: 'text', text: 'B' }] },
        ],
      },
      { model: 'm', stream: false },
    );
    expect(body.messages).toEqual([
      { role: 'assistant', content: 'A', reasoning_content: 'mine' },
      { role: 'assistant', content: 'B' },
    ]);
  });

  it('should map canonical options to wire fields', () => {
    const body = encodeOpenAIChatRequest(
      {
        ...base,
        messages: [{ role: 'system', content: 'sys', developer: true }, ...base.messages],
        tools: [{ name: 'f', parameters: { type: 'object' } }],
        toolChoice: { type: 'required' },
        maxOutputTokens: 64,
        stopSequences: ['x'],
        reasoning: { budgetTokens: 2000 },
        responseFormat: { type: 'json_object' },
        topK: 40,
      },
      { model: 'm', stream: false },
    );
    expect(body).toEqual({
      model: 'm',
      messages: [{ role: 'developer', content: 'sys' }, { role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice: 'required',
      max_completion_tokens: 64,
      stop: ['x'],
      reasoning_effort: 'medium',
      response_format: { type: 'json_object' },
    });
  });

  it('should hand an OpenAI client request back to an OpenAI upstream unchanged', () => {
    const wire = {
      model: 'gpt-4.1',
      messages: [
        { role: 'developer', content: 'd' },
        { role: 'user', content: [{ type: 'text', text: 'see', cache_control: { type: 'ephemeral' } }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }], name: 'al' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
        { role: 'tool', tool_call_id: 'c', content: [{ type: 'text', text: 'r' }] },
      ],
      max_tokens: 9,
      n: 1,
      logit_bias: { '50256': -100 },
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }, { type: 'custom', custom: { name: 'g' } }],
      stream: true,
      stream_options: { include_usage: true, include_obfuscation: false },
    };
    const { value } = decodeOpenAIChatRequest(wire);
    expect(encodeOpenAIChatRequest(value, { model: 'gpt-4.1', stream: true })).toEqual(wire);
  });

  it('should let the backend force the output-limit field', () => {
    const body = encodeOpenAIChatRequest({ ...base, maxOutputTokens: 10 }, { model: 'm', stream: false, maxTokensField: 'max_tokens' });
    expect(body.max_tokens).toBe(10);
    expect(body).not.toHaveProperty('max_completion_tokens');
  });
});
