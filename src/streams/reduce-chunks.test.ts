import { firstValueFrom, from, lastValueFrom, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { isGatewayError, type GatewayError } from '../errors/gateway-error.js';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import type { CanonicalChunk } from './canonical-chunk.js';
import type { CanonicalResponse } from './canonical-response.js';
import { reduceChunkArray, reduceChunks } from './reduce-chunks.js';

function reduce(chunks: readonly CanonicalChunk[]): Promise<CanonicalResponse> {
  return lastValueFrom(from(chunks).pipe(reduceChunks()));
}

const stop = { unified: 'stop', raw: 'end_turn' } as const;

describe('reduceChunks', () => {
  it('should fold a text stream into one response', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'stream-start', warnings: [{ kind: 'unsupported', message: 'seed ignored' }] },
      { type: 'response-metadata', id: 'msg_1', modelId: 'claude-x', created: 1700000000 },
      { type: 'text-start', id: 't0' },
      { type: 'text-delta', id: 't0', delta: 'Hel' },
      { type: 'text-delta', id: 't0', delta: 'lo' },
      { type: 'text-end', id: 't0' },
      { type: 'finish', finishReason: stop, usage: { inputTokens: 3, outputTokens: 2 } },
    ];
    assertChunkContract(chunks);
    expect(await reduce(chunks)).toEqual({
      id: 'msg_1',
      modelId: 'claude-x',
      created: 1700000000,
      content: [{ type: 'text', text: 'Hello' }],
      finishReason: stop,
      usage: { inputTokens: 3, outputTokens: 2 },
      warnings: [{ kind: 'unsupported', message: 'seed ignored' }],
    });
  });

  it('should order content by when each block started', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'reasoning-start', id: 'r' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'answer' },
      { type: 'reasoning-delta', id: 'r', delta: 'think' },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'ls', input: '{}' },
      { type: 'text-end', id: 't' },
      { type: 'reasoning-end', id: 'r' },
      { type: 'finish', finishReason: stop, usage: {} },
    ];
    assertChunkContract(chunks);
    expect((await reduce(chunks)).content).toEqual([
      { type: 'reasoning', text: 'think' },
      { type: 'text', text: 'answer' },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'ls', input: '{}' },
    ]);
  });

  it('should merge the providerMetadata of a reasoning block start and end', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'reasoning-start', id: 'r', providerMetadata: { anthropic: { kind: 'thinking' }, openai: { itemId: 'rs_1' } } },
      { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
      { type: 'reasoning-end', id: 'r', providerMetadata: { anthropic: { signature: 'sig' } } },
    ];
    expect((await reduce(chunks)).content).toEqual([
      {
        type: 'reasoning',
        text: 'hmm',
        providerMetadata: { anthropic: { kind: 'thinking', signature: 'sig' }, openai: { itemId: 'rs_1' } },
      },
    ]);
  });

  it('should keep text block providerMetadata', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'text-start', id: 't' },
      { type: 'text-end', id: 't', providerMetadata: { gemini: { thoughtSignature: 'abc' } } },
    ];
    expect((await reduce(chunks)).content).toEqual([
      { type: 'text', text: '', providerMetadata: { gemini: { thoughtSignature: 'abc' } } },
    ]);
  });

  it('should build a tool call from a streamed tool input and its tool-call', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'tool-input-start', id: 'call_1', toolName: 'read', providerMetadata: { openai: { itemId: 'fc_1' } } },
      { type: 'tool-input-delta', id: 'call_1', delta: '{"path":' },
      { type: 'tool-input-delta', id: 'call_1', delta: '"a.ts"}' },
      { type: 'tool-input-end', id: 'call_1' },
      {
        type: 'tool-call',
        toolCallId: 'call_1',
        toolName: 'read',
        input: '{"path":"a.ts"}',
        providerMetadata: { gemini: { thoughtSignature: 's' } },
      },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: {} },
    ];
    assertChunkContract(chunks);
    const response = await reduce(chunks);
    expect(response.content).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_1',
        toolName: 'read',
        input: '{"path":"a.ts"}',
        providerMetadata: { openai: { itemId: 'fc_1' }, gemini: { thoughtSignature: 's' } },
      },
    ]);
    expect(response.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
  });

  it('should build a tool call from a lone tool-call chunk', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'tool-call', toolCallId: 'a', toolName: 'ls', input: '{}' },
      { type: 'tool-call', toolCallId: 'b', toolName: 'cat', input: '{"f":1}' },
    ];
    expect((await reduce(chunks)).content).toEqual([
      { type: 'tool-call', toolCallId: 'a', toolName: 'ls', input: '{}' },
      { type: 'tool-call', toolCallId: 'b', toolName: 'cat', input: '{"f":1}' },
    ]);
  });

  it('should keep the streamed arguments of a tool input whose tool-call never came', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'tool-input-start', id: 'c', toolName: 'ls' },
      { type: 'tool-input-delta', id: 'c', delta: '{"a":' },
      { type: 'tool-input-delta', id: 'c', delta: '1}' },
      { type: 'tool-input-start', id: 'd', toolName: 'pwd' },
    ];
    expect((await reduce(chunks)).content).toEqual([
      { type: 'tool-call', toolCallId: 'c', toolName: 'ls', input: '{"a":1}' },
      { type: 'tool-call', toolCallId: 'd', toolName: 'pwd', input: '{}' },
    ]);
  });

  it('should make two parts of two blocks that reuse an id one after the other', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'a' },
      { type: 'text-end', id: '0' },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'b' },
      { type: 'text-end', id: '0' },
    ];
    expect((await reduce(chunks)).content).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
    ]);
  });

  it('should accept a delta whose block start is missing', async () => {
    const chunks: CanonicalChunk[] = [{ type: 'text-delta', id: 'x', delta: 'orphan' }];
    expect((await reduce(chunks)).content).toEqual([{ type: 'text', text: 'orphan' }]);
  });

  it('should overlay response-metadata chunks', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'response-metadata', id: 'r1', providerMetadata: { openai: { serviceTier: 'default' } } },
      { type: 'response-metadata', modelId: 'gpt-x', providerMetadata: { openai: { fingerprint: 'fp' } } },
      { type: 'finish', finishReason: stop, usage: {}, providerMetadata: { anthropic: { stopSequence: null } } },
    ];
    const response = await reduce(chunks);
    expect(response.id).toBe('r1');
    expect(response.modelId).toBe('gpt-x');
    expect(response.created).toBeUndefined();
    expect(response.providerMetadata).toEqual({
      openai: { serviceTier: 'default', fingerprint: 'fp' },
      anthropic: { stopSequence: null },
    });
  });

  it('should overlay usage chunks and the finish usage with mergeUsage', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'usage', usage: { inputTokens: 10, cachedInputTokens: 4, raw: { a: 1 } } },
      { type: 'usage', usage: { outputTokens: 5 } },
      { type: 'finish', finishReason: stop, usage: { outputTokens: 7, totalTokens: 17 } },
    ];
    expect((await reduce(chunks)).usage).toEqual({
      inputTokens: 10,
      cachedInputTokens: 4,
      outputTokens: 7,
      totalTokens: 17,
      raw: { a: 1 },
    });
  });

  it('should report finish reason other when the source completes without finish', async () => {
    const response = await reduce([{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'cut' }]);
    expect(response.finishReason).toEqual({ unified: 'other', raw: undefined });
    expect(response.content).toEqual([{ type: 'text', text: 'cut' }]);
  });

  it('should reduce an empty stream', async () => {
    expect(await reduce([])).toEqual({
      content: [],
      finishReason: { unified: 'other', raw: undefined },
      usage: {},
      warnings: [],
    });
  });

  it('should ignore raw chunks', async () => {
    const response = await reduce([{ type: 'raw', rawValue: { any: 'thing' } }, { type: 'finish', finishReason: stop, usage: {} }]);
    expect(response.content).toEqual([]);
    expect(response.finishReason).toEqual(stop);
  });

  it('should error with the GatewayError rebuilt from an in-band error chunk', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'partial' },
      {
        type: 'error',
        error: { code: 'GW_ERR_UPSTREAM_HTTP', statusCode: 529, message: 'Overloaded', upstreamType: 'overloaded_error' },
      },
    ];
    assertChunkContract(chunks);
    const error: unknown = await reduce(chunks).catch((caught: unknown) => caught);
    expect(isGatewayError(error)).toBe(true);
    const gatewayError = error as GatewayError;
    expect(gatewayError.code).toBe('GW_ERR_UPSTREAM_HTTP');
    expect(gatewayError.statusCode).toBe(529);
    expect(gatewayError.info.upstreamType).toBe('overloaded_error');
  });

  it('should map an unknown in-band error code to GW_ERR_INTERNAL', async () => {
    const error: unknown = await reduce([
      { type: 'error', error: { code: 'NOPE', statusCode: 500, message: 'x' } },
    ]).catch((caught: unknown) => caught);
    expect((error as GatewayError).code).toBe('GW_ERR_INTERNAL');
  });

  it('should pass an upstream error through', async () => {
    const input = new Subject<CanonicalChunk>();
    const result = firstValueFrom(input.pipe(reduceChunks()));
    input.next({ type: 'text-start', id: 't' });
    input.error(new Error('socket reset'));
    await expect(result).rejects.toThrow('socket reset');
  });

  it('should unsubscribe from source after an in-band error', () => {
    const input = new Subject<CanonicalChunk>();
    let caught: unknown;
    input.pipe(reduceChunks()).subscribe({ error: (error: unknown) => (caught = error) });
    input.next({ type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 502, message: 'x' } });
    expect(isGatewayError(caught)).toBe(true);
    expect(input.observed).toBe(false);
  });

  it('should unsubscribe from source when the subscriber unsubscribes', () => {
    const input = new Subject<CanonicalChunk>();
    const subscription = input.pipe(reduceChunks()).subscribe();
    expect(input.observed).toBe(true);
    subscription.unsubscribe();
    expect(input.observed).toBe(false);
  });
});

describe('reduceChunkArray', () => {
  it('should reduce an array with the same rules', () => {
    const response = reduceChunkArray([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'hi' },
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: { unified: 'length', raw: 'MAX_TOKENS' }, usage: { outputTokens: 1 } },
    ]);
    expect(response.content).toEqual([{ type: 'text', text: 'hi' }]);
    expect(response.finishReason).toEqual({ unified: 'length', raw: 'MAX_TOKENS' });
  });

  it('should throw the rebuilt GatewayError on an error chunk', () => {
    expect(() =>
      reduceChunkArray([{ type: 'error', error: { code: 'GW_ERR_RATE_LIMITED', statusCode: 429, message: 'slow down' } }]),
    ).toThrow(expect.objectContaining({ code: 'GW_ERR_RATE_LIMITED', statusCode: 429 }));
  });
});
