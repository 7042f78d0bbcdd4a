import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { readFixture } from '../../../test/fixtures/read-fixture.js';
import type { CanonicalChunk, ChunkOf } from '../../streams/canonical-chunk.js';
import type { CanonicalResponse } from '../../streams/canonical-response.js';
import { decodeAnthropicBody } from './decode-anthropic-body.js';
import { encodeAnthropicBody } from './encode-anthropic-body.js';

const context = { generateId: (prefix: string) => `${prefix}generated`, now: () => 0 };
const finishOf = (chunks: CanonicalChunk[]): ChunkOf<'finish'> => chunks[chunks.length - 1] as ChunkOf<'finish'>;

describe('decodeAnthropicBody', () => {
  it('should decode the text fixture body', () => {
    const chunks = decodeAnthropicBody(JSON.parse(readFixture('anthropic/anthropic-text.json')));
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.filter((chunk) => chunk.type === 'text-delta').map((chunk) => (chunk as ChunkOf<'text-delta'>).delta).join('')).toBe(
      "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(finishOf(chunks).finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(finishOf(chunks).usage).toMatchObject({ inputTokens: 12, outputTokens: 29 });
  });

  it('should decode the refusal fixture body with its stop_details', () => {
    const chunks = decodeAnthropicBody(JSON.parse(readFixture('anthropic/anthropic-refusal.json')));
    assertChunkContract(chunks, { requireTerminal: true });
    expect(finishOf(chunks).finishReason.unified).toBe('content-filter');
    expect(finishOf(chunks).providerMetadata?.['anthropic']?.['stopDetails']).toMatchObject({ category: 'cyber' });
  });

  it('should decode every response body of the ToolRunner recording, including two parallel tool_use', () => {
    const recording = JSON.parse(readFixture('anthropic/ToolRunner.json')) as { response: unknown }[];
    let parallel = 0;
    for (const exchange of recording) {
      const chunks = decodeAnthropicBody(exchange.response);
      assertChunkContract(chunks, { requireTerminal: true });
      const calls = chunks.filter((chunk): chunk is ChunkOf<'tool-call'> => chunk.type === 'tool-call');
      for (const call of calls) expect(typeof JSON.parse(call.input)).toBe('object');
      if (calls.length === 2) {
        parallel += 1;
        expect(calls.map((call) => JSON.parse(call.input) as unknown)).toEqual([{ count: 1 }, { count: 2 }]);
        expect(finishOf(chunks).finishReason.unified).toBe('tool-calls');
      }
    }
    expect(parallel).toBeGreaterThan(0);
  });

  it('should keep thinking signatures and redacted thinking', () => {
    const chunks = decodeAnthropicBody({
      id: 'msg_1',
      model: 'm',
      content: [{ type: 'thinking', thinking: 'hm', signature: 'sig' }, { type: 'redacted_thinking', data: 'opaque' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 1, output_tokens: 1 },
    });
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.filter((chunk) => chunk.type === 'reasoning-end').map((chunk) => (chunk as ChunkOf<'reasoning-end'>).providerMetadata)).toEqual([
      { anthropic: { signature: 'sig' } },
      { anthropic: { redactedData: 'opaque' } },
    ]);
  });

  it('should turn an error body or a foreign body into an error chunk', () => {
    expect(decodeAnthropicBody({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })).toEqual([
      { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 529, message: 'Overloaded', upstreamType: 'overloaded_error' } },
    ]);
    expect(decodeAnthropicBody({ choices: [] })[0]).toMatchObject({ type: 'error', error: { code: 'GW_ERR_UPSTREAM_PROTOCOL' } });
  });
});

describe('encodeAnthropicBody', () => {
  it('should render a complete response and generate an id when it has none', () => {
    const response: CanonicalResponse = {
      modelId: 'claude-x',
      content: [
        { type: 'reasoning', text: 'hidden', providerMetadata: { anthropic: { redactedData: 'r' } } },
        { type: 'text', text: '' },
        { type: 'text', text: 'Done' },
        { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: 'not json' },
      ],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: 10, cachedInputTokens: 4, outputTokens: 2 },
      warnings: [],
    };
    expect(encodeAnthropicBody(response, context)).toEqual({
      id: 'msg_generated',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [
        { type: 'redacted_thinking', data: 'r' },
        { type: 'text', text: 'Done' },
        { type: 'tool_use', id: 'c', name: 'f', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 6, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 4 },
    });
  });
});
