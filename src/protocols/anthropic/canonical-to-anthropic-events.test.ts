import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { canonicalToAnthropicEvents, type CanonicalToAnthropicEventsOptions } from './canonical-to-anthropic-events.js';

type Payload = { type: string } & Record<string, unknown>;

async function encode(chunks: CanonicalChunk[], options: Partial<CanonicalToAnthropicEventsOptions> = {}): Promise<Payload[]> {
  const events: SseEvent[] = await lastValueFrom(
    from(chunks).pipe(canonicalToAnthropicEvents({ id: 'msg_1', model: 'claude-x', ...options }), toArray()),
  );
  return events.map((event) => {
    const payload = JSON.parse(event.data) as Payload;
    expect(event.event).toBe(payload.type);
    return payload;
  });
}

const stop = (unified: 'stop' | 'tool-calls' | 'length' | 'content-filter' | 'other', raw?: string): CanonicalChunk => ({
  type: 'finish',
  finishReason: { unified, raw },
  usage: { inputTokens: 10, outputTokens: 5 },
});

const shape = (payloads: Payload[]): string[] =>
  payloads.map((payload) => {
    const index = typeof payload['index'] === 'number' ? `#${payload['index']}` : '';
    const delta = payload['delta'] as { type?: string } | undefined;
    const block = payload['content_block'] as { type?: string } | undefined;
    return `${payload.type}${index}${block?.type ? `:${block.type}` : ''}${payload.type === 'content_block_delta' && delta?.type ? `:${delta.type}` : ''}`;
  });

describe('canonicalToAnthropicEvents', () => {
  it('should emit message_start, one text block, message_delta and message_stop', async () => {
    const payloads = await encode([
      { type: 'response-metadata', id: 'up', modelId: 'up-model' },
      { type: 'usage', usage: { inputTokens: 10 } },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'text-delta', id: 't', delta: 'lo' },
      { type: 'text-end', id: 't' },
      stop('stop', 'end_turn'),
    ]);
    expect(payloads[0]).toEqual({
      type: 'message_start',
      message: {
        id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-x', content: [], stop_reason: null, stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    });
    expect(shape(payloads)).toEqual([
      'message_start', 'content_block_start#0:text', 'content_block_delta#0:text_delta', 'content_block_delta#0:text_delta',
      'content_block_stop#0', 'message_delta', 'message_stop',
    ]);
    expect(payloads[5]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });

  it('should send a ping after message_start only when asked', async () => {
    const chunks: CanonicalChunk[] = [{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'x' }, { type: 'text-end', id: 't' }, stop('stop')];
    expect(shape(await encode(chunks, { ping: true })).slice(0, 2)).toEqual(['message_start', 'ping']);
    expect(shape(await encode(chunks)).includes('ping')).toBe(false);
  });

  it('should never emit a text block whose deltas are all empty', async () => {
    const payloads = await encode([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: '' },
      { type: 'text-end', id: 't' },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'f', input: '{"a":1}' },
      stop('tool-calls', 'tool_calls'),
    ]);
    expect(shape(payloads)).toEqual([
      'message_start', 'content_block_start#0:tool_use', 'content_block_delta#0:input_json_delta', 'content_block_stop#0', 'message_delta', 'message_stop',
    ]);
    expect(payloads[1]['content_block']).toEqual({ type: 'tool_use', id: 'call_1', name: 'f', input: {} });
    expect(payloads[2]['delta']).toEqual({ type: 'input_json_delta', partial_json: '{"a":1}' });
    expect((payloads[4]['delta'] as { stop_reason: string }).stop_reason).toBe('tool_use');
  });

  it('should end a thinking block with its signature_delta', async () => {
    const payloads = await encode([
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
      { type: 'reasoning-end', id: 'r', providerMetadata: { anthropic: { signature: 'sig' } } },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'ok' },
      { type: 'text-end', id: 't' },
      stop('stop'),
    ]);
    expect(shape(payloads)).toEqual([
      'message_start', 'content_block_start#0:thinking', 'content_block_delta#0:thinking_delta', 'content_block_delta#0:signature_delta',
      'content_block_stop#0', 'content_block_start#1:text', 'content_block_delta#1:text_delta', 'content_block_stop#1', 'message_delta', 'message_stop',
    ]);
    expect(payloads[3]['delta']).toEqual({ type: 'signature_delta', signature: 'sig' });
  });

  it('should send a redacted thinking block whole', async () => {
    const payloads = await encode([
      { type: 'reasoning-start', id: 'r', providerMetadata: { anthropic: { redactedData: 'opaque' } } },
      { type: 'reasoning-end', id: 'r', providerMetadata: { anthropic: { redactedData: 'opaque' } } },
      stop('stop'),
    ]);
    expect(payloads[1]['content_block']).toEqual({ type: 'redacted_thinking', data: 'opaque' });
    expect(shape(payloads)).toEqual(['message_start', 'content_block_start#0:redacted_thinking', 'content_block_stop#0', 'message_delta', 'message_stop']);
  });

  it('should keep interleaved parallel tool inputs in their own blocks', async () => {
    const payloads = await encode([
      { type: 'tool-input-start', id: 'a', toolName: 'f' },
      { type: 'tool-input-start', id: 'b', toolName: 'g' },
      { type: 'tool-input-delta', id: 'a', delta: '{"x":' },
      { type: 'tool-input-delta', id: 'b', delta: '{"y":' },
      { type: 'tool-input-delta', id: 'a', delta: '1}' },
      { type: 'tool-input-delta', id: 'b', delta: '2}' },
      { type: 'tool-input-end', id: 'a' },
      { type: 'tool-call', toolCallId: 'a', toolName: 'f', input: '{"x":1}' },
      { type: 'tool-input-end', id: 'b' },
      { type: 'tool-call', toolCallId: 'b', toolName: 'g', input: '{"y":2}' },
      stop('tool-calls'),
    ]);
    expect(shape(payloads)).toEqual([
      'message_start',
      'content_block_start#0:tool_use', 'content_block_delta#0:input_json_delta', 'content_block_delta#0:input_json_delta', 'content_block_stop#0',
      'content_block_start#1:tool_use', 'content_block_delta#1:input_json_delta', 'content_block_delta#1:input_json_delta', 'content_block_stop#1',
      'message_delta', 'message_stop',
    ]);
    const input = (index: number): string =>
      payloads
        .filter((payload) => payload.type === 'content_block_delta' && payload['index'] === index)
        .map((payload) => (payload['delta'] as { partial_json: string }).partial_json)
        .join('');
    expect(input(0)).toBe('{"x":1}');
    expect(input(1)).toBe('{"y":2}');
  });

  it('should split a text block that stays open while a tool call streams', async () => {
    const payloads = await encode([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Let me check.' },
      { type: 'tool-input-start', id: 'c', toolName: 'f' },
      { type: 'tool-input-delta', id: 'c', delta: '{}' },
      { type: 'text-delta', id: 't', delta: ' More.' },
      { type: 'tool-input-end', id: 'c' },
      { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' },
      { type: 'text-end', id: 't' },
      stop('stop'),
    ]);
    expect(shape(payloads)).toEqual([
      'message_start', 'content_block_start#0:text', 'content_block_delta#0:text_delta', 'content_block_stop#0',
      'content_block_start#1:tool_use', 'content_block_delta#1:input_json_delta', 'content_block_stop#1',
      'content_block_start#2:text', 'content_block_delta#2:text_delta', 'content_block_stop#2', 'message_delta', 'message_stop',
    ]);
    expect((payloads.find((payload) => payload.type === 'message_delta')?.['delta'] as { stop_reason: string }).stop_reason).toBe('tool_use');
  });

  it('should map finish reasons to Anthropic stop reasons', async () => {
    const reason = async (chunk: CanonicalChunk): Promise<string> =>
      ((await encode([chunk])).find((payload) => payload.type === 'message_delta')?.['delta'] as { stop_reason: string }).stop_reason;
    expect(await reason(stop('length', 'length'))).toBe('max_tokens');
    expect(await reason(stop('content-filter', 'SAFETY'))).toBe('refusal');
    expect(await reason(stop('stop', 'pause_turn'))).toBe('pause_turn');
    expect(await reason(stop('other', 'weird'))).toBe('end_turn');
    const sequence = await encode([{ type: 'finish', finishReason: { unified: 'stop', raw: 'stop_sequence' }, usage: {}, providerMetadata: { anthropic: { stopSequence: 'END' } } }]);
    expect(sequence.find((payload) => payload.type === 'message_delta')?.['delta']).toEqual({ stop_reason: 'stop_sequence', stop_sequence: 'END' });
  });

  it('should close the open block and end with an error event, without message_stop', async () => {
    const payloads = await encode([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'partial' },
      { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 529, message: 'Overloaded', upstreamType: 'overloaded_error' } },
      { type: 'text-delta', id: 't', delta: 'ignored' },
    ]);
    expect(shape(payloads)).toEqual(['message_start', 'content_block_start#0:text', 'content_block_delta#0:text_delta', 'content_block_stop#0', 'error']);
    expect(payloads[4]).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    const early = await encode([{ type: 'error', error: { code: 'GW_ERR_UPSTREAM_TIMEOUT', statusCode: 504, message: 'slow' } }]);
    expect(early).toEqual([{ type: 'error', error: { type: 'timeout_error', message: 'slow' } }]);
  });

  it('should finish a source that completes without finish', async () => {
    const payloads = await encode([{ type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' }]);
    expect(shape(payloads).slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect((payloads[payloads.length - 2]['delta'] as { stop_reason: string }).stop_reason).toBe('tool_use');
    expect(shape(await encode([]))).toEqual(['message_start', 'message_delta', 'message_stop']);
  });

  it('should take the tool input from tool-call when no delta came', async () => {
    const payloads = await encode([
      { type: 'tool-input-start', id: 'c', toolName: 'f' },
      { type: 'tool-input-end', id: 'c' },
      { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{"q":"x"}' },
      stop('tool-calls'),
    ]);
    expect(payloads.filter((payload) => payload.type === 'content_block_delta').map((payload) => payload['delta'])).toEqual([
      { type: 'input_json_delta', partial_json: '{"q":"x"}' },
    ]);
  });

  it('should use the options input tokens until the upstream reports its own', async () => {
    const payloads = await encode([{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'x' }, stop('stop')], { inputTokens: 99 });
    expect((payloads[0]['message'] as { usage: { input_tokens: number } }).usage.input_tokens).toBe(99);
  });
});
