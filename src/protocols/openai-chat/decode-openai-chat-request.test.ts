import { describe, expect, it } from 'vitest';
import { isGatewayError, type GatewayError } from '../../errors/gateway-error.js';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';

function decodeError(body: unknown): GatewayError {
  try {
    decodeOpenAIChatRequest(body);
  } catch (error: unknown) {
    if (isGatewayError(error)) return error;
    throw error;
  }
  throw new Error('expected decodeOpenAIChatRequest to throw');
}

const user = (content: unknown) => ({ model: 'm', messages: [{ role: 'user', content }] });

describe('decodeOpenAIChatRequest', () => {
  it('should decode the common fields', () => {
    const { value, warnings } = decodeOpenAIChatRequest({
      model: 'openrouter:qwen/qwen3-coder',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'developer', content: [{ type: 'text', text: 'Use tools' }] },
        { role: 'user', content: 'Hi' },
      ],
      max_completion_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      stop: 'END',
      seed: 7,
      stream: true,
      stream_options: { include_usage: true },
      reasoning_effort: 'high',
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } },
      user: 'u1',
      metadata: { a: 'b' },
      parallel_tool_calls: false,
      tool_choice: { type: 'function', function: { name: 'f' } },
      tools: [{ type: 'function', function: { name: 'f', description: 'does f', parameters: { type: 'object' }, strict: true } }],
    });
    expect(warnings).toEqual([]);
    expect(value).toEqual({
      model: 'openrouter:qwen/qwen3-coder',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'system', content: 'Use tools', developer: true, providerMetadata: { openai: { contentParts: true } } },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      tools: [{ name: 'f', description: 'does f', parameters: { type: 'object' }, strict: true }],
      toolChoice: { type: 'tool', name: 'f' },
      parallelToolCalls: false,
      maxOutputTokens: 100,
      temperature: 0.2,
      topP: 0.9,
      stopSequences: ['END'],
      seed: 7,
      reasoning: { effort: 'high' },
      responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true },
      stream: true,
      includeUsage: true,
      user: 'u1',
      metadata: { a: 'b' },
    });
  });

  it('should decode user parts: text, data-URL and https images, audio and files', () => {
    const { value } = decodeOpenAIChatRequest(
      user([
        { type: 'text', text: 'Look', cache_control: { type: 'ephemeral' } },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0', detail: 'high' } },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
        { type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } },
        { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBER', filename: 'a.pdf' } },
        { type: 'file', file: { file_id: 'file-123' } },
      ]),
    );
    expect(value.messages[0]).toEqual({
      role: 'user',
      providerMetadata: { openai: { contentParts: true } },
      content: [
        { type: 'text', text: 'Look', providerMetadata: { openai: { extraFields: { cache_control: { type: 'ephemeral' } } } } },
        { type: 'image', mediaType: 'image/png', data: 'iVBORw0', detail: 'high' },
        { type: 'image', url: 'https://example.com/cat.jpg' },
        { type: 'file', mediaType: 'audio/wav', data: 'UklGR' },
        { type: 'file', mediaType: 'application/pdf', data: 'JVBER', filename: 'a.pdf' },
        { type: 'file', fileId: 'file-123' },
      ],
    });
  });

  it('should decode assistant reasoning_content, text and tool calls, and tool results as strings or parts', () => {
    const { value } = decodeOpenAIChatRequest({
      model: 'm',
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: null,
          reasoning_content: 'thinking',
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
            { id: 'c2', type: 'function', function: { name: 'b', arguments: '{}' }, extra_content: { google: { thought_signature: 'sig' } } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'one' },
        { role: 'tool', tool_call_id: 'c2', content: [{ type: 'text', text: 'two' }] },
      ],
    });
    expect(value.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'a', input: '{"x":1}' },
          { type: 'tool-call', toolCallId: 'c2', toolName: 'b', input: '{}', providerMetadata: { openai: { extraFields: { extra_content: { google: { thought_signature: 'sig' } } } } } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', output: [{ type: 'text', text: 'one' }] }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c2', output: [{ type: 'text', text: 'two' }] }], providerMetadata: { openai: { contentParts: true } } },
    ]);
  });

  it('should convert legacy function_call turns and function messages to tool calls and results', () => {
    const { value, warnings } = decodeOpenAIChatRequest({
      model: 'm',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{}' } },
        { role: 'function', name: 'lookup', content: 'found' },
      ],
      functions: [{ name: 'lookup', parameters: { type: 'object' } }],
      function_call: 'auto',
    });
    expect(value.messages[1]).toEqual({ role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_legacy_1', toolName: 'lookup', input: '{}' }] });
    expect(value.messages[2]).toEqual({ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_legacy_1', toolName: 'lookup', output: [{ type: 'text', text: 'found' }] }] });
    expect(value.tools).toEqual([{ name: 'lookup', parameters: { type: 'object' } }]);
    expect(value.toolChoice).toEqual({ type: 'auto' });
    expect(warnings.map((warning) => warning.kind)).toEqual(['compatibility', 'compatibility']);
  });

  it('should keep unknown top-level and per-message fields for an OpenAI-compatible upstream', () => {
    const { value, warnings } = decodeOpenAIChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'q', name: 'alice' }],
      n: 2,
      logprobs: true,
      frequency_penalty: 0.5,
      max_tokens: 50,
      stream_options: { include_usage: false, include_obfuscation: false },
      reasoning_effort: 'turbo',
      tools: [{ type: 'custom', custom: { name: 'grammar' } }],
      tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [] } },
      response_format: { type: 'json_schema', json_schema: { name: 'x', description: 'the x', schema: {} } },
    });
    expect(value.messages[0].providerMetadata).toEqual({ openai: { extraFields: { name: 'alice' } } });
    expect(value.providerOptions).toEqual({
      openai: {
        extraBody: {
          n: 2,
          logprobs: true,
          frequency_penalty: 0.5,
          reasoning_effort: 'turbo',
          tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [] } },
        },
        extraTools: [{ type: 'custom', custom: { name: 'grammar' } }],
        extraStreamOptions: { include_obfuscation: false },
        maxTokensField: 'max_tokens',
        responseFormatDescription: 'the x',
      },
    });
    expect(value.maxOutputTokens).toBe(50);
    expect(value.includeUsage).toBe(false);
    expect(value.toolChoice).toBeUndefined();
    expect(value.reasoning).toBeUndefined();
    expect(warnings).toEqual([{ kind: 'unsupported', message: expect.stringContaining('`n`') }]);
  });

  it('should accept explicit nulls for optional fields', () => {
    const { value } = decodeOpenAIChatRequest({ model: 'm', messages: [{ role: 'user', content: 'q' }], max_tokens: null, stop: null, tools: null, temperature: null });
    expect(value).toEqual({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }], stream: false });
  });

  it.each([
    [{ messages: [{ role: 'user', content: 'q' }] }, 'model'],
    [{ model: 'm', messages: [] }, 'messages'],
    [{ model: 'm', messages: 'hi' }, 'messages'],
    [{ model: 'm', messages: [{ role: 'robot', content: 'q' }] }, 'messages.0.role'],
    [user(42), 'messages.0.content'],
    [user([{ type: 'text' }]), 'messages.0.content.0.text'],
    [user([{ type: 'image_url', image_url: {} }]), 'messages.0.content.0.image_url.url'],
    [user([{ type: 'video' }]), 'messages.0.content.0.type'],
    [{ model: 'm', messages: [{ role: 'user', content: 'q' }, { role: 'tool', content: 'x' }] }, 'messages.1.tool_call_id'],
    [{ model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'f' } }] }] }, 'messages.0.tool_calls.0.function.arguments'],
    [{ model: 'm', messages: [{ role: 'user', content: 'q' }], tools: [{ type: 'function', function: {} }] }, 'tools.0.function.name'],
    [{ model: 'm', messages: [{ role: 'user', content: 'q' }], temperature: 'hot' }, 'temperature'],
    [{ model: 'm', messages: [{ role: 'user', content: 'q' }], stop: [1] }, 'stop.0'],
  ])('should reject %j naming the path %s', (body, path) => {
    const error = decodeError(body);
    expect(error.code).toBe('GW_ERR_INVALID_REQUEST');
    expect(error.statusCode).toBe(400);
    expect(error.info.param).toBe(path);
    expect(error.message).toContain(path);
  });

  it('should say what was expected and what came instead', () => {
    expect(decodeError({ model: 'm', messages: [{ role: 'robot', content: 'q' }] }).message).toMatch(/messages\.0\.role: expected .*"user".*, got "robot"/);
    expect(decodeError(user(42)).message).toBe('Invalid request: messages.0.content: expected string | UserContentPart[], got 42');
    expect(decodeError({ messages: [{ role: 'user', content: 'q' }] }).message).toBe('Invalid request: model: required string is missing');
    expect(decodeError({ model: 'm', messages: [] }).message).toBe('Invalid request: messages: must contain at least one element');
  });

  it('should reject a body that is not an object', () => {
    const error = decodeError('hello');
    expect(error.code).toBe('GW_ERR_INVALID_REQUEST');
    expect(error.info.param).toBe('');
  });
});
