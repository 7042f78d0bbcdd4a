import { from, lastValueFrom, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/fixtures/read-fixture.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { canonicalToOpenAIChatEvents, type CanonicalToOpenAIChatEventsOptions } from './canonical-to-openai-chat-events.js';
import { openaiChatEventsToCanonical } from './openai-chat-events-to-canonical.js';

const options: CanonicalToOpenAIChatEventsOptions = { id: 'chatcmpl-test', model: 'gpt-test', created: 1700000000, includeUsage: true };

async function encode(chunks: CanonicalChunk[], overrides: Partial<CanonicalToOpenAIChatEventsOptions> = {}): Promise<SseEvent[]> {
  return lastValueFrom(from(chunks).pipe(canonicalToOpenAIChatEvents({ ...options, ...overrides }), toArray()));
}

type WireChunk = { id: string; object: string; created: number; model: string; choices: { index: number; delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: Record<string, unknown>; error?: unknown };

const payloads = (events: SseEvent[]): WireChunk[] =>
  events.filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data) as WireChunk);

const deltas = (events: SseEvent[]) => payloads(events).flatMap((chunk) => (chunk.choices ?? []).map((choice) => choice.delta));

const stop = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 5, outputTokens: 7, reasoningTokens: 2, cachedInputTokens: 1 } } as const;

describe('canonicalToOpenAIChatEvents', () => {
  it('should emit the role chunk first, content deltas, finish, usage and [DONE]', async () => {
    const events = await encode([
      { type: 'response-metadata', id: 'upstream', modelId: 'other' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'text-delta', id: 't', delta: 'lo' },
      { type: 'text-end', id: 't' },
      stop,
    ]);
    const chunks = payloads(events);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-test' });
      expect(Array.isArray(chunk.choices)).toBe(true);
    }
    expect(deltas(events)).toEqual([{ role: 'assistant', content: '' }, { content: 'Hel' }, { content: 'lo' }, {}]);
    expect(chunks[3].choices[0].finish_reason).toBe('stop');
    expect(chunks[4]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12, completion_tokens_details: { reasoning_tokens: 2 }, prompt_tokens_details: { cached_tokens: 1 } },
    });
    expect(events.at(-1)).toEqual({ data: '[DONE]' });
    expect(events.filter((event) => event.data === '[DONE]')).toHaveLength(1);
  });

  it('should leave out the usage chunk when the client did not ask for it', async () => {
    const events = await encode([{ type: 'text-delta', id: 't', delta: 'x' }, stop], { includeUsage: false });
    expect(payloads(events).some((chunk) => chunk.usage !== undefined)).toBe(false);
    expect(events.at(-1)).toEqual({ data: '[DONE]' });
  });

  it('should send reasoning as reasoning_content deltas', async () => {
    const events = await encode([{ type: 'reasoning-start', id: 'r' }, { type: 'reasoning-delta', id: 'r', delta: 'hmm' }, { type: 'reasoning-end', id: 'r' }, stop]);
    expect(deltas(events)).toContainEqual({ reasoning_content: 'hmm' });
  });

  it('should number tool calls from 0 and send the role chunk first on a tool-only reply', async () => {
    const events = await encode([
      { type: 'tool-input-start', id: 'call_a', toolName: 'read' },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"p":' },
      { type: 'tool-input-delta', id: 'call_a', delta: '1}' },
      { type: 'tool-input-end', id: 'call_a' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'read', input: '{"p":1}' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'write', input: '{"q":2}' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'STOP' }, usage: {} },
    ]);
    expect(deltas(events)).toEqual([
      { role: 'assistant', content: '' },
      { tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'read', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"p":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '1}' } }] },
      { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'write', arguments: '' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '{"q":2}' } }] },
      {},
    ]);
    // Upstream said stop (Gemini does) but the turn called tools.
    expect(payloads(events).at(-2)?.choices[0].finish_reason).toBe('tool_calls');
  });

  it('should re-encode the index-1 anthropic-fallback tool call starting at index 0', async () => {
    const chunks = await lastValueFrom(
      from([readFixture('openai-chat/anthropic-fallback-tool-call.sse')]).pipe(parseSse(), openaiChatEventsToCanonical(), toArray()),
    );
    const events = await encode(chunks);
    const indexes = deltas(events).flatMap((delta) => ((delta.tool_calls as { index: number }[] | undefined) ?? []).map((call) => call.index));
    expect(new Set(indexes)).toEqual(new Set([0]));
  });

  it('should send refusal text as refusal deltas', async () => {
    const events = await encode([
      { type: 'text-start', id: 't', providerMetadata: { openai: { refusal: true } } },
      { type: 'text-delta', id: 't', delta: 'No.' },
      { type: 'text-end', id: 't' },
      stop,
    ]);
    expect(deltas(events)).toContainEqual({ refusal: 'No.' });
  });

  it('should map finish reasons', async () => {
    const reasonFor = async (unified: 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other') => {
      const events = await encode([{ type: 'finish', finishReason: { unified, raw: undefined }, usage: {} }]);
      return payloads(events).find((chunk) => chunk.choices[0]?.finish_reason != null)?.choices[0].finish_reason;
    };
    expect(await reasonFor('length')).toBe('length');
    expect(await reasonFor('content-filter')).toBe('content_filter');
    expect(await reasonFor('tool-calls')).toBe('tool_calls');
    expect(await reasonFor('error')).toBe('stop');
    expect(await reasonFor('other')).toBe('stop');
  });

  it('should end an error chunk with the error event and no [DONE]', async () => {
    const events = await encode([
      { type: 'text-delta', id: 't', delta: 'par' },
      { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 502, message: 'Overloaded', upstreamType: 'overloaded_error' } },
      { type: 'text-delta', id: 't', delta: 'ignored' },
    ]);
    expect(events.some((event) => event.data === '[DONE]')).toBe(false);
    expect(JSON.parse(events.at(-1)?.data ?? '')).toEqual({
      error: { message: 'Overloaded', type: 'overloaded_error', param: null, code: 'upstream_stream_error' },
    });
    expect(deltas(events)).toEqual([{ role: 'assistant', content: '' }, { content: 'par' }]);
  });

  it('should finish with stop and [DONE] when the source completes without a finish', async () => {
    const events = await encode([{ type: 'text-delta', id: 't', delta: 'x' }], { includeUsage: false });
    expect(payloads(events).at(-1)?.choices[0].finish_reason).toBe('stop');
    expect(events.at(-1)).toEqual({ data: '[DONE]' });
  });

  it('should never send [DONE] twice or anything after it', async () => {
    const events = await encode([stop, stop, { type: 'text-delta', id: 't', delta: 'late' }]);
    expect(events.filter((event) => event.data === '[DONE]')).toHaveLength(1);
    expect(events.at(-1)).toEqual({ data: '[DONE]' });
  });

  it('should unsubscribe from the source when the consumer unsubscribes, and after finish', () => {
    const source = new Subject<CanonicalChunk>();
    const subscription = source.pipe(canonicalToOpenAIChatEvents(options)).subscribe();
    expect(source.observed).toBe(true);
    subscription.unsubscribe();
    expect(source.observed).toBe(false);

    const finished = new Subject<CanonicalChunk>();
    finished.pipe(canonicalToOpenAIChatEvents(options)).subscribe();
    finished.next(stop);
    expect(finished.observed).toBe(false);
  });
});
