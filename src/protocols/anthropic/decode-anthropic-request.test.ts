import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/fixtures/read-fixture.js';
import { isGatewayError } from '../../errors/index.js';
import { decodeAnthropicRequest } from './decode-anthropic-request.js';

const base = { model: 'claude-x', max_tokens: 1000 };

function failure(input: unknown): { code: string; param: string | undefined } {
  try {
    decodeAnthropicRequest(input);
  } catch (error) {
    if (isGatewayError(error)) return { code: error.code, param: error.info.param };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('decodeAnthropicRequest', () => {
  it('should decode a plain request with system, sampling and stop sequences', () => {
    const { value, warnings } = decodeAnthropicRequest({
      ...base,
      system: 'Be brief',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.2,
      top_p: 0.9,
      top_k: 5,
      stop_sequences: ['END'],
      stream: true,
      metadata: { user_id: 'u1' },
    });
    expect(warnings).toEqual([]);
    expect(value).toEqual({
      model: 'claude-x',
      maxOutputTokens: 1000,
      stream: true,
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      temperature: 0.2,
      topP: 0.9,
      topK: 5,
      stopSequences: ['END'],
      user: 'u1',
      metadata: { user_id: 'u1' },
    });
  });

  it('should put tool results in a tool message before the rest of the user turn', () => {
    const { value } = decodeAnthropicRequest({
      ...base,
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'call it', signature: 'sig' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'also this' },
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'sunny' }], is_error: false },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
          ],
        },
      ],
    });
    expect(value.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'call it', providerMetadata: { anthropic: { signature: 'sig' } } },
          { type: 'reasoning', text: '', providerMetadata: { anthropic: { redactedData: 'opaque' } } },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'weather', input: '{"city":"Paris"}' },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', output: [{ type: 'text', text: 'sunny' }] }] },
      { role: 'user', content: [{ type: 'text', text: 'also this' }, { type: 'image', mediaType: 'image/png', data: 'AAAA' }] },
    ]);
  });

  it('should map thinking, effort, tools and tool choice', () => {
    const { value } = decodeAnthropicRequest({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      thinking: { type: 'enabled', budget_tokens: 2048, display: 'omitted' },
      output_config: { effort: 'high' },
      tools: [
        { name: 'f', description: 'does f', input_schema: { type: 'object', properties: {} } },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
      ],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(value.reasoning).toEqual({ budgetTokens: 2048, effort: 'high', includeThoughts: false });
    expect(value.tools).toEqual([{ name: 'f', description: 'does f', parameters: { type: 'object', properties: {} } }]);
    expect(value.toolChoice).toEqual({ type: 'required' });
    expect(value.parallelToolCalls).toBe(false);
    expect(value.providerOptions?.['anthropic']).toEqual({
      serverTools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }],
      thinkingDisplay: 'omitted',
    });
    const disabled = decodeAnthropicRequest({ ...base, messages: [], thinking: { type: 'disabled' } }).value;
    expect(disabled.reasoning).toEqual({ effort: 'none', includeThoughts: false });
    const named = decodeAnthropicRequest({ ...base, messages: [], tool_choice: { type: 'tool', name: 'f' } }).value;
    expect(named.toolChoice).toEqual({ type: 'tool', name: 'f' });
  });

  it('should keep unknown top-level fields for an Anthropic upstream', () => {
    const { value } = decodeAnthropicRequest({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      context_management: { edits: [] },
      service_tier: 'auto',
      thinking: { type: 'adaptive' },
    });
    expect(value.providerOptions?.['anthropic']).toEqual({
      extraBody: { context_management: { edits: [] }, service_tier: 'auto' },
      thinkingType: 'adaptive',
    });
  });

  it('should keep cache_control on system blocks and text parts', () => {
    const { value } = decodeAnthropicRequest({
      ...base,
      system: [{ type: 'text', text: 'S', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'U', cache_control: { type: 'ephemeral' } }] }],
    });
    expect(value.messages).toEqual([
      { role: 'system', content: 'S', providerMetadata: { anthropic: { cacheControl: { type: 'ephemeral' } } } },
      { role: 'user', content: [{ type: 'text', text: 'U', providerMetadata: { anthropic: { cacheControl: { type: 'ephemeral' } } } }] },
    ]);
  });

  it('should warn about and drop blocks it cannot translate', () => {
    const { value, warnings } = decodeAnthropicRequest({
      ...base,
      messages: [
        { role: 'user', content: [{ type: 'search_result', source: 'x' }, { type: 'text', text: 'q' }] },
        { role: 'assistant', content: [{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }, { type: 'text', text: 'a' }] },
      ],
    });
    expect(warnings.map((warning) => warning.kind)).toEqual(['unsupported', 'unsupported']);
    expect(value.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'a' }] },
    ]);
  });

  it('should decode every request body of the ToolRunner recording', () => {
    const recording = JSON.parse(readFixture('anthropic/ToolRunner.json')) as { body: unknown }[];
    for (const exchange of recording) {
      const { value } = decodeAnthropicRequest(exchange.body);
      expect(value.model).toMatch(/^claude-/);
      expect(value.messages.length).toBeGreaterThan(0);
    }
    const withResults = recording
      .map((exchange) => decodeAnthropicRequest(exchange.body).value)
      .find((request) => request.messages.some((message) => message.role === 'tool' && message.content.length === 2));
    expect(withResults).toBeDefined();
  });

  it('should name the field path of a schema violation', () => {
    expect(failure({ ...base, messages: 'nope' })).toEqual({ code: 'GW_ERR_INVALID_REQUEST', param: 'messages' });
    expect(failure({ model: 'm', messages: [] })).toEqual({ code: 'GW_ERR_INVALID_REQUEST', param: 'max_tokens' });
    expect(failure({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] })).toEqual({
      code: 'GW_ERR_INVALID_REQUEST',
      param: 'messages[0].content[0].text',
    });
    expect(failure({ ...base, messages: [{ role: 'user', content: [{ type: 'tool_result' }] }] }).param).toBe('messages[0].content[0].tool_use_id');
    expect(failure({ ...base, messages: [], tools: [{ name: 'f' }] }).param).toBe('tools[0].input_schema');
    expect(failure({ ...base, messages: [], tool_choice: { type: 'tool' } }).param).toBe('tool_choice.name');
    expect(failure({ ...base, messages: [], thinking: { type: 'sometimes' } }).param).toBe('thinking.type');
  });
});
