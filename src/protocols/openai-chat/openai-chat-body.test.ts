import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { readFixture } from '../../../test/fixtures/read-fixture.js';
import { reduceChunkArray } from '../../streams/reduce-chunks.js';
import { decodeOpenAIChatBody } from './decode-openai-chat-body.js';
import { encodeOpenAIChatBody } from './encode-openai-chat-body.js';

describe('decodeOpenAIChatBody', () => {
  it('should decode the recorded non-stream body', () => {
    const json: unknown = JSON.parse(readFixture('openai-chat/openai-text.json'));
    const chunks = decodeOpenAIChatBody(json);
    assertChunkContract(chunks, { requireTerminal: true });
    const response = reduceChunkArray(chunks);
    expect(response.id).toBe('chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU');
    expect(response.modelId).toBe('gpt-4.1-nano-2025-04-14');
    expect(response.content).toHaveLength(1);
    expect(response.content[0].type === 'text' && response.content[0].text.startsWith('**Holiday Name:** Galaxy Day')).toBe(true);
    expect(response.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(response.usage).toMatchObject({ inputTokens: 16, outputTokens: 363, totalTokens: 379, reasoningTokens: 0, cachedInputTokens: 0 });
  });

  it('should decode reasoning and tool calls, with "{}" for empty arguments', () => {
    const chunks = decodeOpenAIChatBody({
      id: 'r',
      choices: [{ index: 0, message: { role: 'assistant', content: null, reasoning_content: 'why', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '' } }] }, finish_reason: 'tool_calls' }],
    });
    assertChunkContract(chunks, { requireTerminal: true });
    expect(reduceChunkArray(chunks).content).toEqual([
      { type: 'reasoning', text: 'why' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: '{}' },
    ]);
  });

  it('should turn an error member or a malformed body into an error chunk', () => {
    expect(decodeOpenAIChatBody({ error: { message: 'nope', type: 'server_error' } })).toEqual([
      { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 502, message: 'nope', upstreamType: 'server_error' } },
    ]);
    expect(decodeOpenAIChatBody({ choices: 'x' })[0]).toMatchObject({ type: 'error', error: { code: 'GW_ERR_UPSTREAM_PROTOCOL' } });
  });
});

describe('encodeOpenAIChatBody', () => {
  it('should render content null with tool calls, reasoning_content and usage', () => {
    const body = encodeOpenAIChatBody(
      {
        content: [{ type: 'reasoning', text: 'r' }, { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{"a":1}' }],
        finishReason: { unified: 'stop', raw: 'STOP' },
        usage: { inputTokens: 1, outputTokens: 2, cachedInputTokens: 1 },
        warnings: [],
      },
      { id: 'chatcmpl-x', model: 'm', created: 5 },
    );
    expect(body).toEqual({
      id: 'chatcmpl-x',
      object: 'chat.completion',
      created: 5,
      model: 'm',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, refusal: null, reasoning_content: 'r', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, prompt_tokens_details: { cached_tokens: 1 }, completion_tokens_details: { reasoning_tokens: 0 } },
    });
  });

  it('should round-trip the recorded body through decode and encode', () => {
    const json = JSON.parse(readFixture('openai-chat/openai-text.json')) as { choices: [{ message: { content: string } }] };
    const body = encodeOpenAIChatBody(reduceChunkArray(decodeOpenAIChatBody(json)), { id: 'i', model: 'm', created: 1 });
    expect(body.choices[0].message.content).toBe(json.choices[0].message.content);
    expect(body.choices[0].finish_reason).toBe('stop');
    expect(body.usage.total_tokens).toBe(379);
  });
});

describe('encodeOpenAIChatBody with a structured-output repair', () => {
  it('should give the repaired text as the message content', () => {
    const response = reduceChunkArray([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: '{"a":1,' },
      { type: 'text-end', id: 't', providerMetadata: { structuredOutput: { repaired: true, repairedText: '{"a":1}' } } },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} },
    ]);
    expect(encodeOpenAIChatBody(response, { id: 'chatcmpl-1', model: 'm', created: 1 }).choices[0].message.content).toBe('{"a":1}');
  });
});
