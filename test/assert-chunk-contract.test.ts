import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../src/streams/canonical-chunk.js';
import { assertChunkContract } from './assert-chunk-contract.js';

const finish: CanonicalChunk = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} };
const error: CanonicalChunk = { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 502, message: 'x' } };

const valid: CanonicalChunk[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'response-metadata', id: 'r', modelId: 'm' },
  { type: 'reasoning-start', id: 'r0' },
  { type: 'reasoning-delta', id: 'r0', delta: 'think' },
  { type: 'text-start', id: 't0' },
  { type: 'reasoning-end', id: 'r0' },
  { type: 'text-delta', id: 't0', delta: 'hi' },
  { type: 'text-end', id: 't0' },
  { type: 'tool-input-start', id: 'call_1', toolName: 'ls' },
  { type: 'tool-input-delta', id: 'call_1', delta: '{}' },
  { type: 'tool-input-end', id: 'call_1' },
  { type: 'tool-call', toolCallId: 'call_1', toolName: 'ls', input: '{}' },
  { type: 'tool-call', toolCallId: 'call_2', toolName: 'pwd', input: '{}' },
  { type: 'usage', usage: { inputTokens: 1 } },
  { type: 'raw', rawValue: {} },
  finish,
];

function check(chunks: readonly CanonicalChunk[]): () => void {
  return () => assertChunkContract(chunks);
}

describe('assertChunkContract', () => {
  it('should pass a valid stream', () => {
    expect(check(valid)).not.toThrow();
    expect(() => assertChunkContract(valid, { requireTerminal: true })).not.toThrow();
  });

  it('should pass an empty stream and a stream cut by an in-band error with blocks open', () => {
    expect(check([])).not.toThrow();
    expect(check([{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'x' }, error])).not.toThrow();
  });

  it('should allow the same id for blocks of different kinds', () => {
    const chunks: CanonicalChunk[] = [
      { type: 'reasoning-start', id: '0' },
      { type: 'text-start', id: '0' },
      { type: 'text-end', id: '0' },
      { type: 'reasoning-end', id: '0' },
      finish,
    ];
    expect(check(chunks)).not.toThrow();
  });

  it('should reject a block end without its start', () => {
    expect(check([{ type: 'text-end', id: 't' }, finish])).toThrow(/#0 \(text-end id="t"\).*not open/);
  });

  it('should reject an end of another kind than the start', () => {
    expect(check([{ type: 'text-start', id: 'a' }, { type: 'reasoning-end', id: 'a' }, finish])).toThrow(/kinds differ/);
  });

  it('should reject a second end for the same block', () => {
    const chunks: CanonicalChunk[] = [
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-end', id: 'r' },
      { type: 'reasoning-end', id: 'r' },
    ];
    expect(check(chunks)).toThrow(/#2 .*not open/);
  });

  it('should reject a second start of the same id', () => {
    expect(check([{ type: 'text-start', id: 'a' }, { type: 'text-start', id: 'a' }])).toThrow(/already started/);
    const reused: CanonicalChunk[] = [
      { type: 'text-start', id: 'a' },
      { type: 'text-end', id: 'a' },
      { type: 'text-start', id: 'a' },
      { type: 'text-end', id: 'a' },
    ];
    expect(check(reused)).toThrow(/#2 .*already started/);
  });

  it('should reject a delta for a block that is not open', () => {
    expect(check([{ type: 'text-delta', id: 'x', delta: 'a' }])).toThrow(/text-delta for text block "x" that is not open/);
    const afterEnd: CanonicalChunk[] = [
      { type: 'tool-input-start', id: 'c', toolName: 'ls' },
      { type: 'tool-input-end', id: 'c' },
      { type: 'tool-input-delta', id: 'c', delta: '{' },
    ];
    expect(check(afterEnd)).toThrow(/#2 .*not open/);
  });

  it('should reject a finish while a block is open', () => {
    expect(check([{ type: 'text-start', id: 't' }, finish])).toThrow(/finish while blocks are open: text:t/);
  });

  it('should reject a stream that ends with a block open and no terminal', () => {
    expect(check([{ type: 'reasoning-start', id: 'r' }])).toThrow(/ended with open blocks: reasoning:r/);
  });

  it('should reject any chunk after finish or error', () => {
    expect(check([finish, { type: 'usage', usage: {} }])).toThrow(/#1 .*after the terminal finish at #0/);
    expect(check([error, finish])).toThrow(/after the terminal error/);
  });

  it('should reject a second finish', () => {
    expect(check([finish, finish])).toThrow(/#1 \(finish\)/);
  });

  it('should reject stream-start that is not first', () => {
    expect(check([{ type: 'response-metadata' }, { type: 'stream-start', warnings: [] }, finish])).toThrow(
      /stream-start must be the first chunk/,
    );
  });

  it('should reject a duplicate tool-call id', () => {
    const call: CanonicalChunk = { type: 'tool-call', toolCallId: 'c', toolName: 'ls', input: '{}' };
    expect(check([call, call, finish])).toThrow(/duplicate tool-call id "c"/);
  });

  it('should reject a tool-call before its tool input is closed', () => {
    const chunks: CanonicalChunk[] = [
      { type: 'tool-input-start', id: 'c', toolName: 'ls' },
      { type: 'tool-call', toolCallId: 'c', toolName: 'ls', input: '{}' },
    ];
    expect(check(chunks)).toThrow(/before its tool-input-end/);
  });

  it('should reject a tool-call whose name differs from its tool input', () => {
    const chunks: CanonicalChunk[] = [
      { type: 'tool-input-start', id: 'c', toolName: 'ls' },
      { type: 'tool-input-end', id: 'c' },
      { type: 'tool-call', toolCallId: 'c', toolName: 'rm', input: '{}' },
    ];
    expect(check(chunks)).toThrow(/differs from tool-input-start name "ls"/);
  });

  it('should reject a finish before the tool-call of a closed tool input', () => {
    const chunks: CanonicalChunk[] = [
      { type: 'tool-input-start', id: 'c', toolName: 'ls' },
      { type: 'tool-input-end', id: 'c' },
      finish,
    ];
    expect(check(chunks)).toThrow(/finish before the tool-call of tool inputs: c/);
  });

  it('should reject a stream without a terminal when one is required', () => {
    expect(() => assertChunkContract([{ type: 'usage', usage: {} }], { requireTerminal: true })).toThrow(
      /did not end with finish or error/,
    );
    expect(check([{ type: 'usage', usage: {} }])).not.toThrow();
  });
});
