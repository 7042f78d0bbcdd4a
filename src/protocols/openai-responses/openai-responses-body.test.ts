import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { readFixture } from '../../../test/fixtures/read-fixture.js';
import type { CanonicalResponse } from '../../streams/canonical-response.js';
import { decodeOpenAIResponsesBody } from './decode-openai-responses-body.js';
import { encodeOpenAIResponsesBody } from './encode-openai-responses-body.js';

const context = () => {
  let counter = 0;
  return { generateId: (prefix: string) => `${prefix}${++counter}`, now: () => 1_700_000_000_500 };
};

describe('decodeOpenAIResponsesBody', () => {
  it('should decode the recorded reasoning body into reasoning, text and a stop finish', () => {
    const chunks = decodeOpenAIResponsesBody(JSON.parse(readFixture('openai-responses/openai-reasoning-encrypted-content.1.json')), context());
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.map((chunk) => chunk.type)).toEqual([
      'response-metadata', 'reasoning-start', 'reasoning-delta', 'reasoning-end', 'text-start', 'text-delta', 'text-end', 'finish',
    ]);
    expect(chunks[3]).toMatchObject({ providerMetadata: { openai: { itemId: 'rs_0f35ed53160b395301693cc95817ac8190b978637daea4987e', encryptedContent: expect.stringMatching(/^gAAAAA/) } } });
    expect(chunks[5]).toMatchObject({ delta: '12 + 7 = 19\n19 × 3 = 57\n57 × 10 = 570\n\nFinal result: 570' });
    expect(chunks[7]).toMatchObject({
      finishReason: { unified: 'stop', raw: 'completed' },
      usage: { inputTokens: 865, outputTokens: 163, reasoningTokens: 128, cachedInputTokens: 0, totalTokens: 1028 },
    });
  });

  it('should decode function calls as tool calls and a failed body as an error chunk', () => {
    const calls = decodeOpenAIResponsesBody(
      { id: 'resp_1', status: 'completed', output: [{ type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '{"a":1}' }] },
      context(),
    );
    assertChunkContract(calls, { requireTerminal: true });
    expect(calls.find((chunk) => chunk.type === 'tool-call')).toMatchObject({ toolCallId: 'call_1', toolName: 'f', input: '{"a":1}' });
    expect(calls.at(-1)).toMatchObject({ finishReason: { unified: 'tool-calls' } });
    const failed = decodeOpenAIResponsesBody({ id: 'resp_2', status: 'failed', error: { code: 'server_error', message: 'Boom' }, output: [] }, context());
    expect(failed.at(-1)).toMatchObject({ type: 'error', error: { message: 'Boom', upstreamCode: 'server_error' } });
  });

  it('should reject a body that is not a Responses object', () => {
    expect(() => decodeOpenAIResponsesBody('nope', context())).toThrow(expect.objectContaining({ code: 'GW_ERR_UPSTREAM_PROTOCOL' }));
  });
});

describe('encodeOpenAIResponsesBody', () => {
  const response: CanonicalResponse = {
    modelId: 'gpt-test',
    content: [
      { type: 'reasoning', text: 'Think', providerMetadata: { openai: { itemId: 'rs_up', encryptedContent: 'enc' } } },
      { type: 'text', text: 'Hello ' },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'exec', input: '{}' },
      { type: 'text', text: 'world' },
    ],
    finishReason: { unified: 'tool-calls', raw: 'tool_use' },
    usage: { inputTokens: 4, outputTokens: 6, cachedInputTokens: 1 },
    warnings: [],
  };

  it('should render every content part as an output item with output_text and usage', () => {
    const body = encodeOpenAIResponsesBody(response, context(), { responseId: 'resp_x', toolNamespaces: { exec: 'shell' } });
    expect(body).toMatchObject({
      id: 'resp_x',
      object: 'response',
      created_at: 1_700_000_000,
      status: 'completed',
      model: 'gpt-test',
      output_text: 'Hello world',
      usage: { input_tokens: 4, input_tokens_details: { cached_tokens: 1 }, output_tokens: 6, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 10 },
      output: [
        { id: 'rs_up', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Think' }], encrypted_content: 'enc' },
        { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello ', annotations: [], logprobs: [] }] },
        { id: 'fc_2', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'exec', arguments: '{}', namespace: 'shell' },
        { id: 'msg_3', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'world', annotations: [], logprobs: [] }] },
      ],
    });
  });

  it("should keep a tool call's upstream item id", () => {
    const body = encodeOpenAIResponsesBody(
      { ...response, content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'exec', input: '{}', providerMetadata: { openai: { itemId: 'fc_up' } } }] },
      context(),
    );
    expect(body['output']).toMatchObject([{ id: 'fc_up', type: 'function_call', call_id: 'call_1' }]);
  });

  it('should mark a length finish incomplete and round-trip through the body decoder', () => {
    const body = encodeOpenAIResponsesBody({ ...response, finishReason: { unified: 'length', raw: 'max_tokens' } }, context());
    expect(body).toMatchObject({ id: 'resp_4', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    const chunks = decodeOpenAIResponsesBody(body, context());
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.filter((chunk) => chunk.type === 'text-delta').map((chunk) => chunk.delta)).toEqual(['Hello ', 'world']);
    expect(chunks.at(-1)).toMatchObject({ finishReason: { unified: 'length', raw: 'max_output_tokens' }, usage: { inputTokens: 4, outputTokens: 6 } });
  });
});
