import { describe, expect, it } from 'vitest';
import { isGatewayError, type GatewayError } from '../../errors/index.js';
import type { CanonicalMessage } from '../../streams/canonical-request.js';
import { decodeOpenAIResponsesRequest } from './decode-openai-responses-request.js';

/** A request shaped like the ones Codex CLI sends (PROTOCOLS.md E). */
const codexRequest = {
  model: 'gpt-5-codex',
  instructions: 'You are Codex.',
  input: [
    { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Sandbox: workspace-write' }] },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Write hello.txt' }] },
    { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Plan' }, { type: 'summary_text', text: 'Act' }], encrypted_content: 'enc' },
    { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'exec_command', arguments: '{"cmd":"ls"}', namespace: 'shell' },
    { type: 'function_call', call_id: 'call_2', name: 'apply_patch', arguments: '' },
    { type: 'function_call_output', call_id: 'call_1', output: 'a.txt' },
    { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: 'ok' }] },
    { type: 'message', role: 'assistant', id: 'msg_9', content: [{ type: 'output_text', text: 'Done.' }] },
  ],
  tools: [
    { type: 'function', name: 'apply_patch', description: 'Patch', parameters: { type: 'object' }, strict: false },
    { type: 'namespace', name: 'shell', description: 'Shell tools', tools: [{ type: 'function', name: 'exec_command', parameters: { type: 'object' } }] },
    { type: 'web_search' },
  ],
  tool_choice: 'auto',
  parallel_tool_calls: false,
  reasoning: { effort: 'high', summary: 'auto' },
  text: { verbosity: 'low' },
  store: false,
  stream: true,
  include: ['reasoning.encrypted_content'],
  prompt_cache_key: 'session-1',
  client_metadata: { originator: 'codex_cli' },
  service_tier: 'priority',
};

function thrown(body: unknown): GatewayError {
  try {
    decodeOpenAIResponsesRequest(body);
  } catch (error) {
    if (isGatewayError(error)) return error;
    throw error;
  }
  throw new Error('expected the decoder to throw');
}

describe('decodeOpenAIResponsesRequest', () => {
  it('should decode a Codex CLI request into canonical messages', () => {
    const { value } = decodeOpenAIResponsesRequest(codexRequest);
    expect(value.messages).toEqual([
      { role: 'system', content: 'You are Codex.', providerMetadata: { 'openai-responses': { instructions: true } } },
      { role: 'system', content: 'Sandbox: workspace-write', developer: true },
      { role: 'user', content: [{ type: 'text', text: 'Write hello.txt' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Plan\n\nAct', providerMetadata: { openai: { itemId: 'rs_1', encryptedContent: 'enc', summary: ['Plan', 'Act'] } } },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'exec_command', input: '{"cmd":"ls"}', providerMetadata: { openai: { itemId: 'fc_1', namespace: 'shell' } } },
          { type: 'tool-call', toolCallId: 'call_2', toolName: 'apply_patch', input: '{}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'call_1', toolName: 'exec_command', output: [{ type: 'text', text: 'a.txt' }] },
          { type: 'tool-result', toolCallId: 'call_2', toolName: 'apply_patch', output: [{ type: 'text', text: 'ok' }] },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Done.', providerMetadata: { openai: { itemId: 'msg_9' } } }] },
    ]);
  });

  it('should flatten simple namespaces, keep other tools and Responses-only fields in providerOptions', () => {
    const { value, warnings } = decodeOpenAIResponsesRequest(codexRequest);
    expect(value.tools).toEqual([
      { name: 'apply_patch', description: 'Patch', parameters: { type: 'object' }, strict: false },
      { name: 'exec_command', parameters: { type: 'object' } },
    ]);
    expect(value).toMatchObject({
      model: 'gpt-5-codex',
      stream: true,
      toolChoice: { type: 'auto' },
      parallelToolCalls: false,
      reasoning: { effort: 'high', includeThoughts: true },
    });
    expect(value.providerOptions?.['openai-responses']).toEqual({
      extraTools: [{ type: 'web_search' }],
      toolNamespaces: { exec_command: 'shell' },
      namespaceDescriptions: { shell: 'Shell tools' },
      reasoningSummary: 'auto',
      textVerbosity: 'low',
      store: false,
      include: ['reasoning.encrypted_content'],
      promptCacheKey: 'session-1',
      clientMetadata: { originator: 'codex_cli' },
      extraFields: { service_tier: 'priority' },
    });
    expect(warnings).toEqual([expect.objectContaining({ kind: 'compatibility', message: expect.stringContaining('web_search') })]);
  });

  it('should decode a string input, sampling fields, structured output and metadata', () => {
    const { value } = decodeOpenAIResponsesRequest({
      model: 'gpt-5',
      input: 'Hi',
      max_output_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      user: 'u1',
      metadata: { team: 'a', count: 3 },
      previous_response_id: 'resp_0',
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
      tool_choice: { type: 'function', name: 'ls' },
    });
    expect(value).toMatchObject({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      stream: false,
      maxOutputTokens: 100,
      temperature: 0.2,
      topP: 0.9,
      user: 'u1',
      metadata: { team: 'a' },
      responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
      toolChoice: { type: 'tool', name: 'ls' },
      providerOptions: { 'openai-responses': { previousResponseId: 'resp_0', metadata: { team: 'a', count: 3 } } },
    });
  });

  it('should decode images and files, splitting data URLs', () => {
    const { value } = decodeOpenAIResponsesRequest({
      model: 'm',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'low' },
            { type: 'input_image', image_url: 'https://x/y.jpg' },
            { type: 'input_image', file_id: 'file_1' },
            { type: 'input_file', file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' },
          ],
        },
      ],
    });
    expect(value.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'image', mediaType: 'image/png', data: 'AAAA', detail: 'low' },
        { type: 'image', url: 'https://x/y.jpg' },
        { type: 'file', fileId: 'file_1', mediaType: 'image/*' },
        { type: 'file', mediaType: 'application/pdf', data: 'JVBE', filename: 'a.pdf' },
      ],
    });
  });

  it('should prepend stored history after the new instructions, dropping the old instructions', () => {
    const history: CanonicalMessage[] = [
      { role: 'system', content: 'Old', providerMetadata: { 'openai-responses': { instructions: true } } },
      { role: 'user', content: [{ type: 'text', text: 'First' }] },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_h', toolName: 'ls', input: '{}' }] },
    ];
    const { value } = decodeOpenAIResponsesRequest(
      { model: 'm', instructions: 'New', previous_response_id: 'resp_1', input: [{ type: 'function_call_output', call_id: 'call_h', output: 'x' }] },
      { history },
    );
    expect(value.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(value.messages[0]).toMatchObject({ content: 'New' });
    expect(value.messages[3]).toEqual({ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_h', toolName: 'ls', output: [{ type: 'text', text: 'x' }] }] });
  });

  it('should tolerate unknown item types and keep unknown tool choices raw, with warnings', () => {
    const { value, warnings } = decodeOpenAIResponsesRequest({
      model: 'm',
      input: [{ type: 'item_reference', id: 'x' }, { role: 'user', content: 'Hi' }],
      tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [] },
      reasoning: { effort: 'extreme' },
    });
    expect(value.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
    expect(value.providerOptions?.['openai-responses']).toMatchObject({ toolChoice: { type: 'allowed_tools', mode: 'auto', tools: [] } });
    expect(value.reasoning).toBeUndefined();
    expect(warnings.map((warning) => warning.kind)).toEqual(['unsupported', 'unsupported']);
  });

  it('should name the field path of a schema violation', () => {
    expect(thrown({ input: 'x' })).toMatchObject({ code: 'GW_ERR_INVALID_REQUEST', statusCode: 400, info: { param: 'model' } });
    expect(thrown({ model: 'm', input: [{ role: 'user', content: 'ok' }, { type: 'function_call', name: 'f', arguments: '{}' }] }).info.param).toBe('input[1].call_id');
    expect(thrown({ model: 'm', input: [{ role: 'robot', content: 'x' }] }).info.param).toBe('input[0].role');
    expect(thrown({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_text' }] }] }).info.param).toBe('input[0].content[0].text');
    expect(thrown({ model: 'm', tools: [{ type: 'function', name: 3 }] }).info.param).toBe('tools[0].name');
    expect(thrown({ model: 'm', max_output_tokens: 'many' }).info.param).toBe('max_output_tokens');
    expect(thrown('not an object').code).toBe('GW_ERR_INVALID_REQUEST');
  });
});
