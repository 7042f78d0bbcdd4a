import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { from, lastValueFrom, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { readFixture, readFixtureLines } from '../../../test/fixtures/read-fixture.js';
import type { CanonicalChunk, ChunkOf } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { reduceChunkArray } from '../../streams/reduce-chunks.js';
import { openaiChatEventsToCanonical } from './openai-chat-events-to-canonical.js';

const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/openai-chat');
const streamFixtures = readdirSync(fixtureDir).filter((name) => name.endsWith('.sse') || name.endsWith('.chunks.txt'));

/** The SSE body of a fixture: `.sse` as recorded, payload-per-line files re-framed with `[DONE]`. */
function fixtureBody(name: string): string {
  if (name.endsWith('.sse')) return readFixture(`openai-chat/${name}`);
  return readFixtureLines(`openai-chat/${name}`).map((line) => `data: ${line}\n\n`).join('') + 'data: [DONE]\n\n';
}

async function decodeText(body: string | string[]): Promise<CanonicalChunk[]> {
  const pieces = typeof body === 'string' ? [body] : body;
  return lastValueFrom(from(pieces).pipe(parseSse(), openaiChatEventsToCanonical(), toArray()));
}

const ofType = <T extends CanonicalChunk['type']>(chunks: CanonicalChunk[], type: T): ChunkOf<T>[] =>
  chunks.filter((chunk): chunk is ChunkOf<T> => chunk.type === type);

const joined = (chunks: CanonicalChunk[], type: 'text-delta' | 'reasoning-delta'): string =>
  ofType(chunks, type).map((chunk) => chunk.delta).join('');

/** Oracle: the text the recorded payloads carry, read independently of the decoder. */
function recordedDeltaText(name: string, field: 'content' | 'reasoning_content' | 'refusal'): string {
  return fixtureBody(name)
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => JSON.parse(line.slice(6)) as { choices?: { delta?: Record<string, unknown> }[] })
    .map((payload) => payload.choices?.[0]?.delta?.[field])
    .filter((value): value is string => typeof value === 'string')
    .join('');
}

describe('openaiChatEventsToCanonical', () => {
  it.each(streamFixtures)('should decode %s within the chunk contract, ending in finish', async (name) => {
    const chunks = await decodeText(fixtureBody(name));
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.at(-1)?.type).toBe('finish');
    expect(ofType(chunks, 'finish')).toHaveLength(1);
    expect(ofType(chunks, 'response-metadata')).toHaveLength(1);
    expect(joined(chunks, 'text-delta')).toBe(recordedDeltaText(name, 'content') + recordedDeltaText(name, 'refusal'));
    expect(joined(chunks, 'reasoning-delta')).toBe(recordedDeltaText(name, 'reasoning_content'));
  });

  it('should decode the plain OpenAI text stream with usage from the trailing choices:[] chunk', async () => {
    const chunks = await decodeText(fixtureBody('openai-text.chunks.txt'));
    expect(joined(chunks, 'text-delta').startsWith('**Holiday Name:** Harmony Day')).toBe(true);
    expect(ofType(chunks, 'text-start')).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ type: 'response-metadata', id: 'chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0', modelId: 'gpt-4.1-nano-2025-04-14', created: 1770933892 });
    const finish = ofType(chunks, 'finish')[0];
    expect(finish.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(finish.usage).toMatchObject({ inputTokens: 16, outputTokens: 300, totalTokens: 316, reasoningTokens: 0, cachedInputTokens: 0 });
  });

  it('should ignore Azure empty-choices first chunk and prompt_filter_results', async () => {
    const chunks = await decodeText(fixtureBody('azure-model-router.1.chunks.txt'));
    expect(chunks[0]).toMatchObject({ type: 'response-metadata', id: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt', modelId: 'gpt-5-nano-2025-08-07' });
    expect(joined(chunks, 'text-delta')).toBe('Capital of Denmark.');
    expect(ofType(chunks, 'finish')[0].usage).toMatchObject({ inputTokens: 15, outputTokens: 78, totalTokens: 93, reasoningTokens: 64 });
  });

  it('should group Alibaba fragments by index even though continuations carry id ""', async () => {
    const chunks = await decodeText(fixtureBody('alibaba-tool-call.chunks.txt'));
    expect(ofType(chunks, 'tool-input-start')).toEqual([{ type: 'tool-input-start', id: 'call_eee11723464a4b9eb8cee71d', toolName: 'weather' }]);
    expect(ofType(chunks, 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'call_eee11723464a4b9eb8cee71d', toolName: 'weather', input: '{"location": "San Francisco"}' },
    ]);
    const finish = ofType(chunks, 'finish')[0];
    expect(finish.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(finish.usage).toMatchObject({ inputTokens: 295, outputTokens: 22, totalTokens: 317, cachedInputTokens: 0 });
  });

  it('should decode DeepSeek reasoning then a fragmented tool call, with usage in the finish chunk', async () => {
    const chunks = await decodeText(fixtureBody('deepseek-tool-call.chunks.txt'));
    const types = chunks.map((chunk) => chunk.type);
    expect(types.indexOf('reasoning-end')).toBeLessThan(types.indexOf('tool-input-start'));
    const [call] = ofType(chunks, 'tool-call');
    expect(call.toolName).toBe('weather');
    expect(JSON.parse(call.input)).toEqual({ location: 'San Francisco' });
    expect(ofType(chunks, 'tool-input-delta').map((chunk) => chunk.delta).join('')).toBe(call.input);
    expect(ofType(chunks, 'finish')[0].usage).toMatchObject({ inputTokens: 339, outputTokens: 83, totalTokens: 422, reasoningTokens: 39, cachedInputTokens: 320 });
  });

  it('should decode xAI reasoning and a whole tool call in one delta', async () => {
    const chunks = await decodeText(fixtureBody('xai-tool-call.chunks.txt'));
    expect(joined(chunks, 'reasoning-delta').startsWith('First, the')).toBe(true);
    expect(ofType(chunks, 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'call_79382389', toolName: 'weather', input: '{"location":"San Francisco"}' },
    ]);
    expect(ofType(chunks, 'finish')[0].usage).toMatchObject({ inputTokens: 307, outputTokens: 26, totalTokens: 560, reasoningTokens: 227, cachedInputTokens: 306 });
  });

  it('should decode the index-1 tool call of the anthropic-fallback stream after closing the text block', async () => {
    const chunks = await decodeText(fixtureBody('anthropic-fallback-tool-call.sse'));
    expect(joined(chunks, 'text-delta')).toBe('Reading it.');
    const types = chunks.map((chunk) => chunk.type);
    expect(types.indexOf('text-end')).toBeLessThan(types.indexOf('tool-input-start'));
    expect(ofType(chunks, 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'toolu_sanitized', toolName: 'read_file', input: '{"path": "a.txt"}' },
    ]);
    expect(ofType(chunks, 'finish')[0].finishReason.unified).toBe('tool-calls');
  });

  it('should mark refusal text with providerMetadata', async () => {
    const chunks = await decodeText(fixtureBody('openai-node-stream-refusal-logprobs.sse'));
    expect(ofType(chunks, 'text-start')).toEqual([{ type: 'text-start', id: expect.any(String), providerMetadata: { openai: { refusal: true } } }]);
    const response = reduceChunkArray(chunks);
    expect(response.content).toHaveLength(1);
    expect(response.usage).toMatchObject({ inputTokens: 17, outputTokens: 13, totalTokens: 30 });
  });

  it('should keep interleaved parallel tool calls apart by index', async () => {
    const payloads = [
      { id: 'c', model: 'm', choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '' } }] } }] },
      { id: 'c', model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 1, id: 'b', type: 'function', function: { name: 'g', arguments: '{"y"' } }] } }] },
      { id: 'c', model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] } }] },
      { id: 'c', model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 1, id: '', function: { arguments: ':2}' } }] } }] },
      { id: 'c', model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ];
    const chunks = await decodeText(payloads.map((payload) => `data: ${JSON.stringify(payload)}\n\n`).join(''));
    assertChunkContract(chunks, { requireTerminal: true });
    expect(ofType(chunks, 'tool-call').map(({ toolCallId, toolName, input }) => [toolCallId, toolName, input])).toEqual([
      ['a', 'f', '{"x":1}'],
      ['b', 'g', '{"y":2}'],
    ]);
  });

  it('should give "{}" to a tool call without arguments and make an id when none is sent', async () => {
    const payload = { id: 'r1', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: 'now' } }] }, finish_reason: 'tool_calls' }] };
    const chunks = await decodeText(`data: ${JSON.stringify(payload)}\n\n`);
    expect(ofType(chunks, 'tool-call')).toEqual([{ type: 'tool-call', toolCallId: 'call_r1_0', toolName: 'now', input: '{}' }]);
  });

  it('should include usage that arrives after finish_reason even without [DONE]', async () => {
    const body = [
      { id: 'r', choices: [{ index: 0, delta: { content: 'Hi' } }] },
      { id: 'r', choices: [{ index: 0, delta: {}, finish_reason: 'length' }] },
      { id: 'r', choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
    ].map((payload) => `data: ${JSON.stringify(payload)}\n\n`).join('');
    const chunks = await decodeText(body);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'length', raw: 'length' }, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } });
  });

  it('should finish with reason other when the stream ends without a finish_reason', async () => {
    const chunks = await decodeText(`data: ${JSON.stringify({ id: 'r', choices: [{ index: 0, delta: { content: 'cut' } }] })}\n\n`);
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'other', raw: undefined }, usage: {} });
  });

  it('should switch between reasoning and text blocks, closing each before the next', async () => {
    const deltas = [{ reasoning: 'think' }, { content: 'say' }, { reasoning_content: 'more' }];
    const body = deltas.map((delta) => `data: ${JSON.stringify({ id: 'r', choices: [{ index: 0, delta }] })}\n\n`).join('');
    const chunks = await decodeText(body + 'data: [DONE]\n\n');
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.filter((chunk) => chunk.type.endsWith('-start') || chunk.type.endsWith('-end')).map((chunk) => chunk.type)).toEqual([
      'reasoning-start', 'reasoning-end', 'text-start', 'text-end', 'reasoning-start', 'reasoning-end',
    ]);
  });

  it('should turn a mid-stream error object into an error chunk and stop', async () => {
    const body =
      `data: ${JSON.stringify({ id: 'r', choices: [{ index: 0, delta: { content: 'part' } }] })}\n\n` +
      `data: ${JSON.stringify({ error: { message: 'Overloaded', type: 'server_error', code: 'overloaded', param: null } })}\n\n` +
      `data: ${JSON.stringify({ id: 'r', choices: [{ index: 0, delta: { content: 'ignored' } }] })}\n\n`;
    const chunks = await decodeText(body);
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.at(-1)).toEqual({
      type: 'error',
      error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 502, message: 'Overloaded', upstreamType: 'server_error', upstreamCode: 'overloaded' },
    });
    expect(joined(chunks, 'text-delta')).toBe('part');
  });

  it('should report a non-JSON data line as an upstream protocol error', async () => {
    const chunks = await decodeText('data: not json\n\n');
    expect(chunks).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'GW_ERR_UPSTREAM_PROTOCOL' }) }]);
  });

  it('should stop reading the source after [DONE]', async () => {
    const chunks = await decodeText('data: [DONE]\n\ndata: {"id":"late","choices":[{"index":0,"delta":{"content":"x"}}]}\n\n');
    expect(chunks).toEqual([{ type: 'finish', finishReason: { unified: 'other', raw: undefined }, usage: {} }]);
  });

  it('should unsubscribe from the source when the consumer unsubscribes', () => {
    const source = new Subject<SseEvent>();
    const received: CanonicalChunk[] = [];
    const subscription = source.pipe(openaiChatEventsToCanonical()).subscribe((chunk) => received.push(chunk));
    source.next({ data: JSON.stringify({ id: 'r', choices: [{ index: 0, delta: { content: 'a' } }] }) });
    expect(source.observed).toBe(true);
    subscription.unsubscribe();
    expect(source.observed).toBe(false);
    expect(received.map((chunk) => chunk.type)).toEqual(['response-metadata', 'text-start', 'text-delta']);
  });

  it('should unsubscribe from the source once [DONE] arrives', () => {
    const source = new Subject<SseEvent>();
    let completed = false;
    source.pipe(openaiChatEventsToCanonical()).subscribe({ complete: () => (completed = true) });
    source.next({ data: '[DONE]' });
    expect(completed).toBe(true);
    expect(source.observed).toBe(false);
  });
});
