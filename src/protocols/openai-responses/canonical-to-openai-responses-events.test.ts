import { from, lastValueFrom, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { canonicalToOpenAIResponsesEvents, type CanonicalToOpenAIResponsesEventsOptions } from './canonical-to-openai-responses-events.js';
import { checkResponsesLifecycle, type ResponsesLifecycleEvent } from './check-responses-lifecycle.js';

function options(extra: Partial<CanonicalToOpenAIResponsesEventsOptions> = {}): CanonicalToOpenAIResponsesEventsOptions {
  let counter = 0;
  return { responseId: 'resp_1', model: 'gpt-test', createdAt: 1700000000, generateId: (prefix) => `${prefix}${++counter}`, ...extra };
}

/** A decoded event with the fields these tests read. */
interface EncodedEvent extends ResponsesLifecycleEvent {
  readonly item?: Readonly<Record<string, unknown>>;
  readonly response: { readonly output: readonly unknown[]; readonly [key: string]: unknown };
}

async function encode(chunks: readonly CanonicalChunk[], extra: Partial<CanonicalToOpenAIResponsesEventsOptions> = {}) {
  const events = await lastValueFrom(from(chunks).pipe(canonicalToOpenAIResponsesEvents(options(extra)), toArray()));
  for (const event of events) expect(event.event).toBe((JSON.parse(event.data) as { type: string }).type);
  const parsed = events.map((event) => JSON.parse(event.data) as EncodedEvent);
  checkResponsesLifecycle(parsed);
  return parsed;
}

const stop = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 5, outputTokens: 2 } } as const;

describe('canonicalToOpenAIResponsesEvents', () => {
  it('should emit the full text lifecycle with sequence numbers and the completed response', async () => {
    const events = await encode([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'text-delta', id: 't', delta: 'lo' },
      { type: 'text-end', id: 't' },
      stop,
    ]);
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events[0].response).toMatchObject({ id: 'resp_1', object: 'response', created_at: 1700000000, status: 'in_progress', output: [], model: 'gpt-test' });
    expect(events[2]).toEqual({
      type: 'response.output_item.added',
      sequence_number: 2,
      output_index: 0,
      item: { id: 'msg_1', type: 'message', status: 'in_progress', content: [], role: 'assistant' },
    });
    expect(events[3]).toMatchObject({ item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '' } });
    expect(events[4]).toEqual({
      type: 'response.output_text.delta', sequence_number: 4, item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hel', logprobs: [],
    });
    expect(events[6]).toMatchObject({ text: 'Hello' });
    const done = { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [], logprobs: [] }] };
    expect(events[8].item).toEqual(done);
    expect(events[9].response).toMatchObject({
      status: 'completed',
      output: [done],
      usage: { input_tokens: 5, input_tokens_details: { cached_tokens: 0 }, output_tokens: 2, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 7 },
      error: null,
      incomplete_details: null,
    });
  });

  it('should emit a reasoning item with summary events and carry encrypted content', async () => {
    const events = await encode([
      { type: 'reasoning-start', id: 'r', providerMetadata: { openai: { itemId: 'rs_up' } } },
      { type: 'reasoning-delta', id: 'r', delta: 'Think' },
      { type: 'reasoning-end', id: 'r', providerMetadata: { openai: { itemId: 'rs_up', encryptedContent: 'enc' } } },
      stop,
    ]);
    expect(events.slice(2, -1).map((event) => event.type)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
    ]);
    expect(events[2].item).toEqual({ id: 'rs_up', type: 'reasoning', summary: [] });
    expect(events[7].item).toEqual({ id: 'rs_up', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Think' }], encrypted_content: 'enc' });
  });

  it('should emit a reasoning item without summary events when no reasoning text arrived', async () => {
    const events = await encode([{ type: 'reasoning-start', id: 'r' }, { type: 'reasoning-end', id: 'r' }, stop]);
    expect(events.slice(2, -1).map((event) => event.type)).toEqual(['response.output_item.added', 'response.output_item.done']);
    expect(events[3].item).toEqual({ id: 'rs_1', type: 'reasoning', summary: [] });
  });

  it('should turn a lone tool-call into added, one delta and done', async () => {
    const events = await encode([
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'ls', input: '{"path":"."}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: {} },
    ]);
    expect(events.slice(2).map((event) => event.type)).toEqual([
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events[2].item).toEqual({ id: 'fc_1', type: 'function_call', status: 'in_progress', arguments: '', call_id: 'call_1', name: 'ls' });
    expect(events[3]).toMatchObject({ item_id: 'fc_1', output_index: 0, delta: '{"path":"."}' });
    expect(events[4]).toMatchObject({ arguments: '{"path":"."}' });
    expect(events[5].item).toEqual({ id: 'fc_1', type: 'function_call', status: 'completed', arguments: '{"path":"."}', call_id: 'call_1', name: 'ls' });
  });

  it('should give interleaved parallel tool calls their own output indices', async () => {
    const events = await encode([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Calling' },
      { type: 'text-end', id: 't' },
      { type: 'tool-input-start', id: 'a', toolName: 'fa' },
      { type: 'tool-input-start', id: 'b', toolName: 'fb' },
      { type: 'tool-input-delta', id: 'a', delta: '{"x":' },
      { type: 'tool-input-delta', id: 'b', delta: '{"y":2}' },
      { type: 'tool-input-delta', id: 'a', delta: '1}' },
      { type: 'tool-input-end', id: 'b' },
      { type: 'tool-call', toolCallId: 'b', toolName: 'fb', input: '{"y":2}' },
      { type: 'tool-input-end', id: 'a' },
      { type: 'tool-call', toolCallId: 'a', toolName: 'fa', input: '{"x":1}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage: {} },
    ]);
    const deltas = events.filter((event) => event.type === 'response.function_call_arguments.delta');
    expect(deltas.map((event) => [event.output_index, event.delta])).toEqual([[1, '{"x":'], [2, '{"y":2}'], [1, '1}']]);
    const output = events.at(-1)!.response.output as { type: string; call_id?: string; arguments?: string }[];
    expect(output.map((item) => [item.type, item.call_id, item.arguments])).toEqual([
      ['message', undefined, undefined],
      ['function_call', 'a', '{"x":1}'],
      ['function_call', 'b', '{"y":2}'],
    ]);
  });

  it("should keep the upstream's function_call item id (native passthrough) on every event of the item", async () => {
    const events = await encode([
      { type: 'tool-input-start', id: 'call_up', toolName: 'ls', providerMetadata: { openai: { itemId: 'fc_up' } } },
      { type: 'tool-input-delta', id: 'call_up', delta: '{}' },
      { type: 'tool-input-end', id: 'call_up' },
      { type: 'tool-call', toolCallId: 'call_up', toolName: 'ls', input: '{}', providerMetadata: { openai: { itemId: 'fc_up' } } },
      { type: 'tool-call', toolCallId: 'call_whole', toolName: 'ls', input: '{}', providerMetadata: { openai: { itemId: 'fc_whole' } } },
      { type: 'tool-call', toolCallId: 'call_other', toolName: 'ls', input: '{}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage: {} },
    ]);
    const ids = new Set(events.filter((event) => event.type.startsWith('response.function_call_arguments')).map((event) => event.item_id));
    expect([...ids]).toEqual(['fc_up', 'fc_whole', 'fc_1']);
    const output = events.at(-1)!.response.output as { id: string; call_id: string }[];
    expect(output.map((item) => [item.id, item.call_id])).toEqual([['fc_up', 'call_up'], ['fc_whole', 'call_whole'], ['fc_1', 'call_other']]);
  });

  it('should add the namespace of a namespaced tool to its function_call item', async () => {
    const events = await encode([{ type: 'tool-call', toolCallId: 'c', toolName: 'exec', input: '{}' }, stop], { toolNamespaces: { exec: 'shell' } });
    expect(events[2].item).toMatchObject({ name: 'exec', namespace: 'shell' });
  });

  it('should end with response.incomplete for length and content-filter finishes', async () => {
    const length = await encode([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'cut' },
      { type: 'finish', finishReason: { unified: 'length', raw: 'length' }, usage: {} },
    ]);
    expect(length.at(-1)).toMatchObject({ type: 'response.incomplete', response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } });
    expect(length.at(-2)!.item).toMatchObject({ status: 'incomplete', content: [{ text: 'cut' }] });
    const filtered = await encode([{ type: 'finish', finishReason: { unified: 'content-filter', raw: 'SAFETY' }, usage: {} }]);
    expect(filtered.at(-1)).toMatchObject({ type: 'response.incomplete', response: { incomplete_details: { reason: 'content_filter' } } });
  });

  it('should turn an error chunk into an error event (top-level and nested fields) and response.failed', async () => {
    const events = await encode([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'partial' },
      { type: 'error', error: { code: 'GW_ERR_UPSTREAM_HTTP', statusCode: 429, message: 'Slow down', upstreamType: 'rate_limit_error', upstreamCode: 'rate_limit_exceeded' } },
    ]);
    const error = events.find((event) => event.type === 'error')!;
    expect(error).toEqual({
      type: 'error',
      sequence_number: error.sequence_number,
      code: 'rate_limit_exceeded',
      message: 'Slow down',
      param: null,
      error: { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'Slow down', param: null },
    });
    expect(events.at(-1)).toMatchObject({
      type: 'response.failed',
      response: { status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Slow down' }, output: [{ type: 'message', status: 'incomplete' }] },
    });
  });

  it('should fail the response when the source completes without a finish', async () => {
    const events = await encode([{ type: 'text-start', id: 't' }]);
    expect(events.slice(-2).map((event) => event.type)).toEqual(['error', 'response.failed']);
    expect(events.at(-2)).toMatchObject({ code: 'GW_ERR_UPSTREAM_PROTOCOL' });
  });

  it('should echo request fields in every response object and ignore raw and metadata chunks', async () => {
    const events = await encode(
      [{ type: 'stream-start', warnings: [] }, { type: 'raw', rawValue: {} }, { type: 'response-metadata', id: 'x' }, stop],
      { echo: { instructions: 'Be brief', status: 'hijacked' } },
    );
    expect(events.map((event) => event.type)).toEqual(['response.created', 'response.in_progress', 'response.completed']);
    expect(events[0].response).toMatchObject({ instructions: 'Be brief', status: 'in_progress' });
    expect(events[2].response).toMatchObject({ instructions: 'Be brief', status: 'completed', output: [] });
  });

  it('should unsubscribe from the source after the terminal event', () => {
    const source = new Subject<CanonicalChunk>();
    let completed = false;
    source.pipe(canonicalToOpenAIResponsesEvents(options())).subscribe({ complete: () => (completed = true) });
    expect(source.observed).toBe(true);
    source.next(stop);
    expect(completed).toBe(true);
    expect(source.observed).toBe(false);
  });

  it('should unsubscribe from the source when the subscriber unsubscribes', () => {
    const source = new Subject<CanonicalChunk>();
    const subscription = source.pipe(canonicalToOpenAIResponsesEvents(options())).subscribe();
    subscription.unsubscribe();
    expect(source.observed).toBe(false);
  });
});
