import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import { decodeAnthropicRequest } from './decode-anthropic-request.js';
import { encodeAnthropicRequest, type EncodeAnthropicRequestOptions } from './encode-anthropic-request.js';

const options: EncodeAnthropicRequestOptions = { model: 'claude-up', stream: true, anthropicVersion: '2023-06-01', defaultMaxTokens: 4096 };
const request = (fields: Partial<CanonicalRequest>): CanonicalRequest => ({ model: 'any', messages: [], stream: false, ...fields });

describe('encodeAnthropicRequest', () => {
  it('should gather system messages, merge same-role turns and put tool results first in one user turn', () => {
    const body = encodeAnthropicRequest(
      request({
        messages: [
          { role: 'system', content: 'A' },
          { role: 'user', content: [{ type: 'text', text: 'q1' }] },
          { role: 'user', content: [{ type: 'text', text: 'q2' }] },
          { role: 'system', content: 'B', developer: true },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: '' },
              { type: 'tool-call', toolCallId: 'call:1', toolName: 'f', input: '{"a":1}' },
              { type: 'tool-call', toolCallId: 'call_2', toolName: 'g', input: '' },
            ],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call:1', output: [{ type: 'text', text: 'r1' }] }] },
          { role: 'user', content: [{ type: 'text', text: 'and?' }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_2', output: [{ type: 'text', text: 'r2' }], isError: true }] },
        ],
      }),
      options,
    );
    expect(body['system']).toBe('A\n\nB');
    const messages = body['messages'] as { role: string; content: Record<string, unknown>[] }[];
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[0].content).toEqual([{ type: 'text', text: 'q1' }, { type: 'text', text: 'q2' }]);
    const sanitised = (messages[1].content[0] as { id: string }).id;
    expect(sanitised).toMatch(/^call_1_[0-9a-f]{8}$/);
    expect(messages[1].content).toEqual([
      { type: 'tool_use', id: sanitised, name: 'f', input: { a: 1 } },
      { type: 'tool_use', id: 'call_2', name: 'g', input: {} },
    ]);
    expect(messages[2].content).toEqual([
      { type: 'tool_result', tool_use_id: sanitised, content: 'r1' },
      { type: 'tool_result', tool_use_id: 'call_2', content: 'r2', is_error: true },
      { type: 'text', text: 'and?' },
    ]);
  });

  it('should send back only reasoning signed by Anthropic', () => {
    const body = encodeAnthropicRequest(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'x' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'mine', providerMetadata: { anthropic: { signature: 'sig' } } },
              { type: 'reasoning', text: 'foreign', providerMetadata: { google: { thoughtSignature: 'g' } } },
              { type: 'reasoning', text: '', providerMetadata: { anthropic: { redactedData: 'opaque' } } },
              { type: 'text', text: 'answer  ' },
            ],
          },
        ],
      }),
      options,
    );
    const messages = body['messages'] as { content: unknown[] }[];
    expect(messages[1].content).toEqual([
      { type: 'thinking', thinking: 'mine', signature: 'sig' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'answer' },
    ]);
  });

  it('should turn effort into a thinking budget, raise max_tokens and drop sampling', () => {
    const body = encodeAnthropicRequest(request({ reasoning: { effort: 'high' }, maxOutputTokens: 1000, temperature: 0.5, topP: 0.9, topK: 3 }), options);
    expect(body).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 4096 }, max_tokens: 5096 });
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('top_p');
    expect(body).not.toHaveProperty('top_k');
    const minimal = encodeAnthropicRequest(request({ reasoning: { effort: 'minimal' } }), options);
    expect(minimal).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 4096 });
    const none = encodeAnthropicRequest(request({ reasoning: { effort: 'none' }, temperature: 0.5 }), options);
    expect(none).not.toHaveProperty('thinking');
    expect(none['temperature']).toBe(0.5);
    const budget = encodeAnthropicRequest(request({ reasoning: { budgetTokens: 300 }, maxOutputTokens: 8000 }), options);
    expect(budget).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 8000 });
  });

  it('should leave thinking off when the latest tool-use turn has no signed thinking block, as Anthropic requires', () => {
    const history = (assistantContent: Extract<CanonicalRequest['messages'][number], { role: 'assistant' }>['content']): CanonicalRequest['messages'] => [
      { role: 'user', content: [{ type: 'text', text: 'go' }] },
      { role: 'assistant', content: assistantContent },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', output: [{ type: 'text', text: 'ok' }] }] },
    ];
    const call = { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'f', input: '{}' } as const;
    const unsigned = encodeAnthropicRequest(request({ reasoning: { effort: 'high' }, maxOutputTokens: 1000, messages: history([{ type: 'reasoning', text: 'summary' }, call]) }), options);
    expect(unsigned).not.toHaveProperty('thinking');
    expect(unsigned['max_tokens']).toBe(1000);
    const emptySignature = encodeAnthropicRequest(
      request({ reasoning: { effort: 'high' }, messages: history([{ type: 'reasoning', text: 't', providerMetadata: { anthropic: { signature: '' } } }, call]) }),
      options,
    );
    expect(emptySignature).not.toHaveProperty('thinking');
    expect((emptySignature['messages'] as { content: unknown[] }[])[1].content).toEqual([{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }]);
    const adaptive = encodeAnthropicRequest(
      request({ reasoning: { effort: 'high' }, providerOptions: { anthropic: { thinkingType: 'adaptive' } }, messages: history([call]) }),
      options,
    );
    expect(adaptive).not.toHaveProperty('thinking');
    const signed = encodeAnthropicRequest(
      request({ reasoning: { effort: 'high' }, messages: history([{ type: 'reasoning', text: 't', providerMetadata: { anthropic: { signature: 's' } } }, call]) }),
      options,
    );
    expect(signed).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 4096 } });
    const redacted = encodeAnthropicRequest(
      request({ reasoning: { effort: 'high' }, messages: history([{ type: 'reasoning', text: '', providerMetadata: { anthropic: { redactedData: 'x' } } }, call]) }),
      options,
    );
    expect(redacted).toHaveProperty('thinking');
  });

  it('should drop sampling parameters for API version 2026-10-21 and later', () => {
    const fields = request({ temperature: 0.3, topP: 0.5, topK: 2 });
    expect(encodeAnthropicRequest(fields, options)).toMatchObject({ temperature: 0.3, top_p: 0.5, top_k: 2 });
    const newer = encodeAnthropicRequest(fields, { ...options, anthropicVersion: '2026-10-21' });
    expect(newer).not.toHaveProperty('temperature');
    expect(newer).not.toHaveProperty('top_p');
    expect(newer).not.toHaveProperty('top_k');
  });

  it('should map tools, tool choice and parallel tool calls', () => {
    const tools = [{ name: 'f', description: 'F', parameters: { type: 'object', properties: { a: { type: 'string' } } } }];
    expect(encodeAnthropicRequest(request({ tools, toolChoice: { type: 'required' }, parallelToolCalls: false }), options)).toMatchObject({
      tools: [{ name: 'f', description: 'F', input_schema: { type: 'object', properties: { a: { type: 'string' } } } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(encodeAnthropicRequest(request({ tools, toolChoice: { type: 'tool', name: 'f' } }), options)['tool_choice']).toEqual({ type: 'tool', name: 'f' });
    expect(encodeAnthropicRequest(request({ tools, parallelToolCalls: false }), options)['tool_choice']).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(encodeAnthropicRequest(request({ toolChoice: { type: 'required' } }), options)).not.toHaveProperty('tool_choice');
  });

  it('should encode images as base64 or url sources and skip unsupported media types', () => {
    const body = encodeAnthropicRequest(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', mediaType: 'image/png', data: 'AAA' },
              { type: 'image', url: 'https://x/y.jpg' },
              { type: 'image', url: 'data:image/webp;base64,BBB' },
              { type: 'image', mediaType: 'image/tiff', data: 'CCC' },
            ],
          },
        ],
      }),
      options,
    );
    expect((body['messages'] as { content: unknown[] }[])[0].content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAA' } },
      { type: 'image', source: { type: 'url', url: 'https://x/y.jpg' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'BBB' } },
    ]);
  });

  it('should round-trip an Anthropic client request to an Anthropic upstream', () => {
    const wire = {
      model: 'claude-x',
      max_tokens: 32000,
      system: [{ type: 'text', text: 'sys', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }] },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 't', signature: 's' }, { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
      ],
      tools: [{ name: 'Bash', input_schema: { type: 'object' } }, { type: 'web_search_20250305', name: 'web_search' }],
      thinking: { type: 'enabled', budget_tokens: 31999, display: 'omitted' },
      context_management: { edits: [] },
      stream: true,
    };
    const body = encodeAnthropicRequest(decodeAnthropicRequest(wire).value, { ...options, model: 'claude-x' });
    expect(body).toEqual({ ...wire, tools: [{ name: 'Bash', input_schema: { type: 'object' } }, { type: 'web_search_20250305', name: 'web_search' }] });
  });
});
