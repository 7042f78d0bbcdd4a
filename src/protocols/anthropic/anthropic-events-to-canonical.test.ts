import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { readFixture, readFixtureLines } from '../../../test/fixtures/read-fixture.js';
import type { CanonicalChunk, ChunkOf } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import { anthropicEventsToCanonical } from './anthropic-events-to-canonical.js';

/** A fixture as SSE text: payload-per-line files get their `event:`/`data:` envelope back. */
function fixtureSse(name: string): string {
  if (!name.endsWith('.chunks.txt')) return readFixture(`anthropic/${name}`);
  return readFixtureLines(`anthropic/${name}`)
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join('');
}

function decode(sse: string): Promise<CanonicalChunk[]> {
  return lastValueFrom(from([sse]).pipe(parseSse(), anthropicEventsToCanonical(), toArray()));
}

function events(...payloads: object[]): string {
  return payloads.map((payload) => `event: ${(payload as { type: string }).type}\ndata: ${JSON.stringify(payload)}\n\n`).join('');
}

const of = <T extends CanonicalChunk['type']>(chunks: CanonicalChunk[], type: T): ChunkOf<T>[] =>
  chunks.filter((chunk): chunk is ChunkOf<T> => chunk.type === type);
const text = (chunks: CanonicalChunk[]): string => of(chunks, 'text-delta').map((chunk) => chunk.delta).join('');
const reasoning = (chunks: CanonicalChunk[]): string => of(chunks, 'reasoning-delta').map((chunk) => chunk.delta).join('');
const finish = (chunks: CanonicalChunk[]): ChunkOf<'finish'> => {
  const last = chunks[chunks.length - 1];
  if (last?.type !== 'finish') throw new Error(`expected finish last, got ${last?.type}`);
  return last;
};

const streamFixtures = [
  'anthropic-clear-thinking.1.chunks.txt',
  'anthropic-compaction.1.chunks.txt',
  'anthropic-json-tool.1.chunks.txt',
  'anthropic-message-delta-input-tokens.chunks.txt',
  'anthropic-refusal.chunks.txt',
  'anthropic-text.chunks.txt',
  'anthropic-tool-no-args.chunks.txt',
  'anthropic-web-search-tool.1.chunks.txt',
  'basic_response.txt',
  'duplicate-message-start.chunks.txt',
  'incomplete_partial_json_response.txt',
  'spliced-message-start.chunks.txt',
  'stream-a-refusal.sse',
  'stream-a-toolrefusal.sse',
  'stream-b-fallback.sse',
  'tool_use_response.txt',
];

describe('anthropicEventsToCanonical', () => {
  it.each(streamFixtures)('should decode %s within the chunk contract, ending in finish or error', async (name) => {
    const chunks = await decode(fixtureSse(name));
    assertChunkContract(chunks, { requireTerminal: true });
    expect(['finish', 'error']).toContain(chunks[chunks.length - 1].type);
  });

  it('should decode a text stream with metadata, usage and end_turn', async () => {
    const chunks = await decode(fixtureSse('anthropic-text.chunks.txt'));
    expect(chunks[0]).toEqual({ type: 'response-metadata', id: 'msg_01QC4g3HwBThD4BaNtBckFDJ', modelId: 'claude-sonnet-4-5-20250929' });
    expect(text(chunks)).toBe("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
    const end = finish(chunks);
    expect(end.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(end.usage).toMatchObject({ inputTokens: 12, outputTokens: 30, cachedInputTokens: 0, totalTokens: 42 });
  });

  it('should keep the thinking text (with ÷) and its signature on reasoning-end', async () => {
    const chunks = await decode(fixtureSse('anthropic-clear-thinking.1.chunks.txt'));
    expect(reasoning(chunks)).toContain('925 ÷ 5 = 185');
    const end = of(chunks, 'reasoning-end')[0];
    expect(String(end.providerMetadata?.['anthropic']?.['signature'])).toMatch(/^EvQBCkYICxgCKkAxhD4N/);
    expect(text(chunks)).toBe('925 ÷ 5 = 185');
    expect(finish(chunks).providerMetadata?.['anthropic']?.['contextManagement']).toEqual({ applied_edits: [] });
  });

  it('should give a no-argument tool the input {}', async () => {
    const chunks = await decode(fixtureSse('anthropic-tool-no-args.chunks.txt'));
    expect(of(chunks, 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP', toolName: 'updateIssueList', input: '{}' },
    ]);
    expect(of(chunks, 'tool-input-delta')).toEqual([]);
    expect(finish(chunks).finishReason.unified).toBe('tool-calls');
  });

  it('should join input_json_delta fragments into the tool-call input', async () => {
    const chunks = await decode(fixtureSse('anthropic-json-tool.1.chunks.txt'));
    const [call] = of(chunks, 'tool-call');
    expect(JSON.parse(call.input)).toEqual({ elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }] });
    expect(of(chunks, 'tool-input-delta').map((chunk) => chunk.delta).join('')).toBe(call.input);
    const streamed = await decode(fixtureSse('tool_use_response.txt'));
    expect(JSON.parse(of(streamed, 'tool-call')[0].input)).toEqual({ location: 'Paris' });
  });

  it('should report a refusal with zero blocks as content-filter with its stop_details', async () => {
    const chunks = await decode(fixtureSse('anthropic-refusal.chunks.txt'));
    expect(chunks.map((chunk) => chunk.type)).toEqual(['response-metadata', 'usage', 'finish']);
    const end = finish(chunks);
    expect(end.finishReason).toEqual({ unified: 'content-filter', raw: 'refusal' });
    expect(end.providerMetadata?.['anthropic']?.['stopDetails']).toMatchObject({ type: 'refusal', category: 'cyber' });
  });

  it('should overlay message_delta usage on message_start usage, never add', async () => {
    const chunks = await decode(fixtureSse('anthropic-message-delta-input-tokens.chunks.txt'));
    expect(of(chunks, 'usage')[0].usage.inputTokens).toBe(43);
    expect(finish(chunks).usage).toMatchObject({ inputTokens: 61, outputTokens: 2 });
    expect(text(chunks)).toBe('pong');
  });

  it('should ignore a duplicate message_start before any block', async () => {
    const chunks = await decode(fixtureSse('duplicate-message-start.chunks.txt'));
    expect(of(chunks, 'response-metadata')).toHaveLength(1);
    expect(text(chunks)).toBe('Hello, World!');
    expect(finish(chunks).usage).toMatchObject({ inputTokens: 17, outputTokens: 227 });
  });

  it('should end a spliced second message_start with closed blocks and a protocol error', async () => {
    const chunks = await decode(fixtureSse('spliced-message-start.chunks.txt'));
    const last = chunks[chunks.length - 1];
    expect(last.type === 'error' && last.error.code).toBe('GW_ERR_UPSTREAM_PROTOCOL');
    expect(of(chunks, 'finish')).toEqual([]);
    expect(of(chunks, 'reasoning-end')[0].providerMetadata).toEqual({ anthropic: { signature: 'sig-first' } });
    expect(of(chunks, 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'toolu_first', toolName: 'test-tool', input: '{"value":"Spark', providerMetadata: { anthropic: { incompleteInput: true } } },
    ]);
    expect(reasoning(chunks)).not.toContain('Let me call the tool.');
  });

  it('should close a tool_use that never stopped and finish with max_tokens', async () => {
    const chunks = await decode(fixtureSse('incomplete_partial_json_response.txt'));
    const [call] = of(chunks, 'tool-call');
    expect(call.toolName).toBe('make_file');
    expect(call.input.startsWith('{"filename": "taxes.txt"')).toBe(true);
    expect(call.providerMetadata).toEqual({ anthropic: { incompleteInput: true } });
    expect(finish(chunks).finishReason).toEqual({ unified: 'length', raw: 'max_tokens' });
    expect(text(chunks)).toContain('comprehensive tax guide');
  });

  it('should ignore server tools, search results and citations_delta but keep cited text', async () => {
    const chunks = await decode(fixtureSse('anthropic-web-search-tool.1.chunks.txt'));
    expect(of(chunks, 'tool-call')).toEqual([]);
    expect(text(chunks).length).toBeGreaterThan(100);
    expect(finish(chunks).finishReason.unified).toBe('stop');
    const refusal = await decode(fixtureSse('stream-a-toolrefusal.sse'));
    expect(of(refusal, 'tool-call')).toEqual([]);
    expect(finish(refusal).finishReason.unified).toBe('content-filter');
  });

  it('should ignore a compaction block and decode the text after it', async () => {
    const chunks = await decode(fixtureSse('anthropic-compaction.1.chunks.txt'));
    expect(of(chunks, 'text-start')).toEqual([{ type: 'text-start', id: '1' }]);
    expect(text(chunks).length).toBeGreaterThan(1000);
    expect(text(chunks)).not.toContain('Summary of Conversation');
  });

  it('should read padded SSE data lines and non-ASCII text', async () => {
    const chunks = await decode(fixtureSse('stream-a-refusal.sse'));
    expect(reasoning(chunks)).toContain('—');
    expect(text(chunks)).toBe('Hi');
    expect(of(chunks, 'reasoning-end')[0].providerMetadata?.['anthropic']?.['signature']).toEqual(expect.any(String));
    expect(text(await decode(fixtureSse('basic_response.txt')))).toBe('Hello there!');
    const fallback = await decode(fixtureSse('stream-b-fallback.sse'));
    expect(finish(fallback).usage).toMatchObject({ inputTokens: 31, outputTokens: 547, reasoningTokens: 0 });
  });

  it('should turn a redacted_thinking block into reasoning carrying its data', async () => {
    const chunks = await decode(
      events(
        { type: 'message_start', message: { id: 'msg_1', model: 'm', usage: { input_tokens: 1 } } },
        { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'opaque' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } },
        { type: 'message_stop' },
      ),
    );
    assertChunkContract(chunks, { requireTerminal: true });
    expect(of(chunks, 'reasoning-start')[0].providerMetadata).toEqual({ anthropic: { redactedData: 'opaque' } });
    expect(of(chunks, 'reasoning-end')[0].providerMetadata).toEqual({ anthropic: { redactedData: 'opaque' } });
  });

  it('should count cache reads and writes into input tokens', async () => {
    const chunks = await decode(
      events(
        { type: 'message_start', message: { id: 'msg_1', model: 'm', usage: { input_tokens: 10, cache_read_input_tokens: 5, cache_creation_input_tokens: 3, output_tokens: 1 } } },
        { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 7 } },
        { type: 'message_stop' },
      ),
    );
    expect(finish(chunks).usage).toMatchObject({ inputTokens: 18, cachedInputTokens: 5, outputTokens: 7, totalTokens: 25 });
    expect(finish(chunks).usage.raw).toMatchObject({ input_tokens: 10, cache_read_input_tokens: 5, output_tokens: 7 });
  });

  it('should turn an error event into an upstream stream error after closing open blocks', async () => {
    const chunks = await decode(
      events(
        { type: 'message_start', message: { id: 'msg_1', model: 'm', usage: { input_tokens: 1 } } },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
        { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
        { type: 'message_stop' },
      ),
    );
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.slice(-2)).toEqual([
      { type: 'text-end', id: '0' },
      { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 529, message: 'Overloaded', upstreamType: 'overloaded_error' } },
    ]);
  });

  it('should finish as other when the bytes end without message_delta or message_stop', async () => {
    const chunks = await decode(
      events(
        { type: 'message_start', message: { id: 'msg_1', model: 'm' } },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'cut' } },
      ),
    );
    assertChunkContract(chunks, { requireTerminal: true });
    expect(finish(chunks).finishReason).toEqual({ unified: 'other', raw: undefined });
    expect(text(chunks)).toBe('cut');
  });

  it('should end with a protocol error for an empty stream or non-JSON data', async () => {
    const empty = await decode('');
    expect(empty).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'GW_ERR_UPSTREAM_PROTOCOL' }) }]);
    const garbage = await decode('event: message_start\ndata: {oops\n\n');
    expect(garbage).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'GW_ERR_UPSTREAM_PROTOCOL' }) }]);
  });

  it('should emit a tool input given whole in content_block_start', async () => {
    const chunks = await decode(
      events(
        { type: 'message_start', message: { id: 'msg_1', model: 'm' } },
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } } },
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 1 } },
        { type: 'message_stop' },
      ),
    );
    assertChunkContract(chunks, { requireTerminal: true });
    expect(of(chunks, 'tool-input-delta').map((chunk) => chunk.delta)).toEqual(['{"a":1}']);
    expect(of(chunks, 'tool-call')[0].input).toBe('{"a":1}');
  });

  it('should unsubscribe from the source when the message stops', async () => {
    let unsubscribed = false;
    const { Observable } = await import('rxjs');
    const source = new Observable<{ data: string; event?: string }>((subscriber) => {
      subscriber.next({ event: 'message_start', data: JSON.stringify({ type: 'message_start', message: { id: 'x', model: 'm' } }) });
      subscriber.next({ event: 'message_stop', data: JSON.stringify({ type: 'message_stop' }) });
      return () => {
        unsubscribed = true;
      };
    });
    const chunks = await lastValueFrom(source.pipe(anthropicEventsToCanonical(), toArray()));
    expect(chunks[chunks.length - 1].type).toBe('finish');
    expect(unsubscribed).toBe(true);
  });
});
