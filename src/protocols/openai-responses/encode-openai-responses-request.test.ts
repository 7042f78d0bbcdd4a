import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import { decodeOpenAIResponsesRequest } from './decode-openai-responses-request.js';
import { encodeOpenAIResponsesRequest } from './encode-openai-responses-request.js';

describe('encodeOpenAIResponsesRequest', () => {
  it('should give a Codex request back to an OpenAI upstream with its Responses-only fields', () => {
    const wire = {
      model: 'gpt-5-codex',
      instructions: 'You are Codex.',
      input: [
        { type: 'message', role: 'developer', content: 'Sandbox' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Go' }] },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'A' }, { type: 'summary_text', text: 'B' }], encrypted_content: 'enc' },
        { type: 'function_call', call_id: 'call_1', name: 'exec_command', arguments: '{"cmd":"ls"}', namespace: 'shell' },
        { type: 'function_call_output', call_id: 'call_1', output: 'a.txt' },
      ],
      tools: [
        { type: 'namespace', name: 'shell', description: 'Shell', tools: [{ type: 'function', name: 'exec_command', parameters: { type: 'object' }, strict: false }] },
        { type: 'web_search' },
      ],
      tool_choice: 'auto',
      reasoning: { effort: 'medium', summary: 'auto' },
      text: { verbosity: 'low' },
      store: false,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'k',
      client_metadata: { a: 1 },
      previous_response_id: 'resp_0',
      service_tier: 'priority',
      stream: true,
    };
    const body = encodeOpenAIResponsesRequest(decodeOpenAIResponsesRequest(wire).value, { model: 'gpt-5.1-codex' });
    expect(body).toEqual({
      service_tier: 'priority',
      model: 'gpt-5.1-codex',
      instructions: 'You are Codex.',
      input: [
        { type: 'message', role: 'developer', content: 'Sandbox' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Go' }] },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'A' }, { type: 'summary_text', text: 'B' }], encrypted_content: 'enc' },
        { type: 'function_call', call_id: 'call_1', name: 'exec_command', arguments: '{"cmd":"ls"}', namespace: 'shell' },
        { type: 'function_call_output', call_id: 'call_1', output: 'a.txt' },
      ],
      tools: [
        { type: 'namespace', name: 'shell', description: 'Shell', tools: [{ type: 'function', name: 'exec_command', parameters: { type: 'object' }, strict: false }] },
        { type: 'web_search' },
      ],
      tool_choice: 'auto',
      reasoning: { effort: 'medium', summary: 'auto' },
      text: { verbosity: 'low' },
      store: false,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'k',
      client_metadata: { a: 1 },
      stream: true,
    });
  });

  it('should encode a request from another protocol: leading system as instructions, images, tool results, strict false', () => {
    const request: CanonicalRequest = {
      model: 'gpt-5',
      stream: false,
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image', mediaType: 'image/png', data: 'AAAA' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Claude thinking', providerMetadata: { anthropic: { signature: 'sig' } } },
            { type: 'text', text: 'Calling' },
            { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'read', input: '{"p":1}' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', output: [{ type: 'text', text: 'data' }, { type: 'image', url: 'https://i' }] }] },
        { role: 'system', content: 'Late note' },
      ],
      tools: [{ name: 'read', parameters: { type: 'object' } }],
      toolChoice: { type: 'tool', name: 'read' },
      maxOutputTokens: 50,
      temperature: 0.5,
      reasoning: { effort: 'low', includeThoughts: true },
      responseFormat: { type: 'json_schema', schema: { type: 'object' } },
      metadata: { k: 'v' },
    };
    expect(encodeOpenAIResponsesRequest(request, { stream: false })).toEqual({
      model: 'gpt-5',
      instructions: 'Be brief',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Look' }, { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'auto' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Calling', annotations: [] }] },
        { type: 'function_call', call_id: 'toolu_1', name: 'read', arguments: '{"p":1}' },
        {
          type: 'function_call_output',
          call_id: 'toolu_1',
          output: [{ type: 'input_text', text: 'data' }, { type: 'input_image', image_url: 'https://i', detail: 'auto' }],
        },
        { type: 'message', role: 'system', content: 'Late note' },
      ],
      tools: [{ type: 'function', name: 'read', parameters: { type: 'object' }, strict: false }],
      tool_choice: { type: 'function', name: 'read' },
      reasoning: { effort: 'low', summary: 'auto' },
      text: { format: { type: 'json_schema', name: 'response', schema: { type: 'object' } } },
      max_output_tokens: 50,
      temperature: 0.5,
      metadata: { k: 'v' },
      stream: false,
    });
  });

  it('should send a replayed function_call back with its item id, right after its reasoning item', () => {
    const wire = {
      model: 'gpt-5',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Go' }] },
        { type: 'reasoning', id: 'rs_68', summary: [], encrypted_content: 'enc' },
        { type: 'function_call', id: 'fc_68', call_id: 'call_1', name: 'exec_command', arguments: '{}', status: 'completed' },
        { type: 'function_call', call_id: 'call_2', name: 'exec_command', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'ok' },
        { type: 'function_call_output', call_id: 'call_2', output: 'ok' },
      ],
    };
    const body = encodeOpenAIResponsesRequest(decodeOpenAIResponsesRequest(wire).value, { model: 'gpt-5' });
    expect((body['input'] as Record<string, unknown>[]).slice(1, 4)).toEqual([
      { type: 'reasoning', id: 'rs_68', summary: [], encrypted_content: 'enc' },
      { type: 'function_call', id: 'fc_68', call_id: 'call_1', name: 'exec_command', arguments: '{}' },
      { type: 'function_call', call_id: 'call_2', name: 'exec_command', arguments: '{}' },
    ]);
  });

  it('should stream by default and never send previous_response_id', () => {
    const body = encodeOpenAIResponsesRequest({
      model: 'm',
      stream: false,
      messages: [],
      providerOptions: { 'openai-responses': { previousResponseId: 'resp_1' } },
    });
    expect(body).toEqual({ model: 'm', input: [], stream: true });
  });
});
