import { from, lastValueFrom, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { readFixtureLines } from '../../../test/fixtures/read-fixture.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { openAIResponsesEventsToCanonical } from './openai-responses-events-to-canonical.js';

const generateId = (() => {
  let counter = 0;
  return (prefix: string) => `${prefix}${++counter}`;
})();

/** Re-frames a payload-per-line fixture as the SSE body the API sends. */
function frame(lines: readonly string[]): string {
  return lines.map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`).join('');
}

async function decodeText(body: string): Promise<CanonicalChunk[]> {
  return lastValueFrom(from([body]).pipe(parseSse(), openAIResponsesEventsToCanonical({ generateId }), toArray()));
}

async function decodeEvents(events: readonly Record<string, unknown>[]): Promise<CanonicalChunk[]> {
  const sse: SseEvent[] = events.map((event) => ({ event: String(event.type), data: JSON.stringify(event) }));
  return lastValueFrom(from(sse).pipe(openAIResponsesEventsToCanonical({ generateId }), toArray()));
}

const textOf = (chunks: readonly CanonicalChunk[], type: 'text-delta' | 'reasoning-delta' = 'text-delta') =>
  chunks.map((chunk) => (chunk.type === type ? chunk.delta : '')).join('');

describe('openAIResponsesEventsToCanonical', () => {
  it('should decode the Azure text fixture into one text block and a stop finish with usage', async () => {
    const chunks = await decodeText(frame(readFixtureLines('openai-responses/azure-text.1.chunks.txt')));
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks[0]).toEqual({
      type: 'response-metadata',
      id: 'resp_02ce8deeb6197db200698c5196e9588197a572bbea62d38cd1',
      modelId: 'gpt-5.1',
      created: 1770803606,
    });
    expect(chunks.map((chunk) => chunk.type)).toEqual(['response-metadata', 'text-start', 'text-delta', 'text-end', 'finish']);
    expect(textOf(chunks)).toBe('Hello');
    const finish = chunks.at(-1);
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'completed' },
      usage: { inputTokens: 11, outputTokens: 11, totalTokens: 22, reasoningTokens: 0, cachedInputTokens: 0 },
    });
  });

  it('should decode the Azure tool-call fixture into a streamed tool input and a tool-calls finish', async () => {
    const chunks = await decodeText(frame(readFixtureLines('openai-responses/azure-tool-call.1.chunks.txt')));
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks[1]).toEqual({
      type: 'tool-input-start',
      id: 'call_H5DxLSFnsGhiROnUiDHmgyc8',
      toolName: 'weather',
      providerMetadata: { openai: { itemId: 'fc_04041325ab8ae30400698c51c5468c8197a395f18875a5339f' } },
    });
    const deltas = chunks.filter((chunk) => chunk.type === 'tool-input-delta');
    expect(deltas).toHaveLength(6);
    expect(chunks.find((chunk) => chunk.type === 'tool-call')).toMatchObject({
      toolCallId: 'call_H5DxLSFnsGhiROnUiDHmgyc8',
      toolName: 'weather',
      input: '{"location":"San Francisco"}',
    });
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'completed' } });
  });

  it('should decode the nested error event of the recorded quota failure into one error chunk', async () => {
    const chunks = await decodeText(frame(readFixtureLines('openai-responses/openai-error.1.chunks.txt')));
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.map((chunk) => chunk.type)).toEqual(['response-metadata', 'error']);
    expect(chunks[1]).toMatchObject({
      type: 'error',
      error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 429, upstreamType: 'insufficient_quota', upstreamCode: 'insufficient_quota' },
    });
  });

  it('should stop at the first response.completed of a file holding several responses', async () => {
    const chunks = await decodeText(frame(readFixtureLines('openai-responses/openai-reasoning-encrypted-content.1.chunks.txt')));
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.filter((chunk) => chunk.type === 'finish')).toHaveLength(1);
    expect(chunks.filter((chunk) => chunk.type === 'response-metadata')).toHaveLength(1);
    expect(textOf(chunks, 'reasoning-delta')).toBe(
      "**Calculating step-by-step using calculator**\n\nI'll compute 12 plus 7, then multiply the result by 3, and finally multiply that by 10, reporting the final product.",
    );
    const end = chunks.find((chunk) => chunk.type === 'reasoning-end');
    expect(end).toMatchObject({ providerMetadata: { openai: { itemId: 'rs_01830d662ab3856501693c321405c88190be3ab04d5782d5f9' } } });
    const encrypted = (end as unknown as { providerMetadata: { openai: { encryptedContent: string } } }).providerMetadata.openai.encryptedContent;
    expect(encrypted.startsWith('gAAAAABpPDIVOKrs')).toBe(true); // the value of output_item.done, not of .added
    expect(chunks.find((chunk) => chunk.type === 'tool-call')).toMatchObject({
      toolCallId: 'call_AB6AaRZ1FYZB2RwS6A5vbdqn',
      input: '{"a":12,"b":7,"op":"add"}',
    });
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'tool-calls' } });
  });

  it('should read an error event with its fields at the top level (the SDK type shape)', async () => {
    const chunks = await decodeEvents([
      { type: 'response.created', sequence_number: 0, response: { id: 'resp_1', model: 'm', created_at: 1 } },
      { type: 'error', sequence_number: 1, code: 'rate_limit_exceeded', message: 'Slow down', param: null },
    ]);
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks[1]).toEqual({
      type: 'error',
      error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 429, message: 'Slow down', upstreamCode: 'rate_limit_exceeded' },
    });
  });

  it('should turn a response.failed without an earlier error event into an error chunk', async () => {
    const chunks = await decodeEvents([
      { type: 'response.created', response: { id: 'resp_1' } },
      { type: 'response.failed', response: { id: 'resp_1', status: 'failed', error: { code: 'server_error', message: 'Boom' } } },
    ]);
    expect(chunks.at(-1)).toMatchObject({ type: 'error', error: { message: 'Boom', upstreamCode: 'server_error', statusCode: 500 } });
  });

  it('should map response.incomplete with max_output_tokens to a length finish, closing open blocks first', async () => {
    const chunks = await decodeEvents([
      { type: 'response.created', response: { id: 'resp_1' } },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_1', type: 'message', content: [] } },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hel' },
      { type: 'response.incomplete', response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: { input_tokens: 2, output_tokens: 3 } } },
    ]);
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.slice(-2)).toEqual([
      { type: 'text-end', id: 'msg_1' },
      { type: 'finish', finishReason: { unified: 'length', raw: 'max_output_tokens' }, usage: expect.objectContaining({ inputTokens: 2, outputTokens: 3 }) },
    ]);
  });

  it('should keep the namespace of a namespaced function call and interleave parallel calls by item', async () => {
    const chunks = await decodeEvents([
      { type: 'response.created', response: { id: 'resp_1' } },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'fc_a', type: 'function_call', call_id: 'call_a', name: 'exec', namespace: 'shell', arguments: '' } },
      { type: 'response.output_item.added', output_index: 1, item: { id: 'fc_b', type: 'function_call', call_id: 'call_b', name: 'read', arguments: '' } },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_a', output_index: 0, delta: '{"x"' },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_b', output_index: 1, delta: '{"y":2}' },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_a', output_index: 0, delta: ':1}' },
      { type: 'response.output_item.done', output_index: 1, item: { id: 'fc_b', type: 'function_call', call_id: 'call_b', name: 'read', arguments: '{"y":2}' } },
      { type: 'response.output_item.done', output_index: 0, item: { id: 'fc_a', type: 'function_call', call_id: 'call_a', name: 'exec', namespace: 'shell', arguments: '{"x":1}' } },
      { type: 'response.completed', response: { status: 'completed' } },
    ]);
    assertChunkContract(chunks, { requireTerminal: true });
    const calls = chunks.filter((chunk) => chunk.type === 'tool-call');
    expect(calls).toEqual([
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'read', input: '{"y":2}', providerMetadata: { openai: { itemId: 'fc_b' } } },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'exec', input: '{"x":1}', providerMetadata: { openai: { itemId: 'fc_a', namespace: 'shell' } } },
    ]);
  });

  it('should emit a message that arrives only as output_item.done as a whole text block', async () => {
    const chunks = await decodeEvents([
      { type: 'response.created', response: { id: 'resp_1' } },
      { type: 'response.output_item.done', output_index: 0, item: { id: 'msg_1', type: 'message', content: [{ type: 'output_text', text: 'Whole' }] } },
      { type: 'response.completed', response: {} },
    ]);
    assertChunkContract(chunks, { requireTerminal: true });
    expect(textOf(chunks)).toBe('Whole');
  });

  it('should close open blocks and finish with other when the stream ends without a terminal event', async () => {
    const chunks = await decodeEvents([
      { type: 'response.created', response: { id: 'resp_1' } },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'fc_a', type: 'function_call', call_id: 'call_a', name: 'f', arguments: '' } },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_a', output_index: 0, delta: '{}' },
    ]);
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.slice(-3).map((chunk) => chunk.type)).toEqual(['tool-input-end', 'tool-call', 'finish']);
    expect(chunks.at(-1)).toMatchObject({ finishReason: { unified: 'other', raw: undefined } });
  });

  it('should ignore keepalive, unknown events and a trailing [DONE]', async () => {
    const chunks = await decodeText(
      'event: keepalive\ndata: {"type":"keepalive"}\n\ndata: {"type":"response.mystery"}\n\n' +
        'data: {"type":"response.completed","response":{"status":"completed"}}\n\ndata: [DONE]\n\n',
    );
    expect(chunks).toEqual([{ type: 'finish', finishReason: { unified: 'stop', raw: 'completed' }, usage: {} }]);
  });

  it('should emit an upstream protocol error for data that is not JSON', async () => {
    const chunks = await decodeText('data: {oops\n\n');
    expect(chunks).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'GW_ERR_UPSTREAM_PROTOCOL' }) }]);
  });

  it('should unsubscribe from the source at the first terminal event', () => {
    const source = new Subject<SseEvent>();
    const chunks: CanonicalChunk[] = [];
    let completed = false;
    source.pipe(openAIResponsesEventsToCanonical({ generateId })).subscribe({ next: (chunk) => chunks.push(chunk), complete: () => (completed = true) });
    source.next({ data: JSON.stringify({ type: 'response.completed', response: { status: 'completed' } }) });
    expect(completed).toBe(true);
    expect(source.observed).toBe(false);
  });
});
