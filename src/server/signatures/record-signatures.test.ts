import { firstValueFrom, from, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { recordSignatures } from './record-signatures.js';
import { SignatureStore } from './signature-store.js';

const finish: CanonicalChunk = { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: {} };

async function run(store: SignatureStore, chunks: CanonicalChunk[]): Promise<CanonicalChunk[]> {
  return firstValueFrom(from(chunks).pipe(recordSignatures(store, 'session'), toArray()));
}

describe('recordSignatures', () => {
  it('should pass every chunk through unchanged', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'hm' },
      { type: 'reasoning-end', id: 'r', providerMetadata: { anthropic: { signature: 'sig' } } },
      { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'f', input: '{}' },
      finish,
    ];
    expect(await run(new SignatureStore(), chunks)).toEqual(chunks);
  });

  it("should record Gemini's thoughtSignature of a tool call, with its generated-id flag", async () => {
    const store = new SignatureStore();
    await run(store, [
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'f', input: '{}', providerMetadata: { gemini: { thoughtSignature: 'sig-g', generatedId: true } } },
      { type: 'tool-call', toolCallId: 'call_2', toolName: 'f', input: '{}', providerMetadata: { gemini: { generatedId: true } } },
      finish,
    ]);
    expect(store.get('session', 'call_1')).toEqual({ family: 'gemini', thoughtSignature: 'sig-g', generatedId: true, reasoning: [] });
    expect(store.get('session', 'call_2')).toBeUndefined();
  });

  it('should record the signed and redacted Anthropic thinking that preceded each call, with its whole text', async () => {
    const store = new SignatureStore();
    await run(store, [
      { type: 'reasoning-start', id: '0' },
      { type: 'reasoning-delta', id: '0', delta: 'I will ' },
      { type: 'reasoning-delta', id: '0', delta: 'write.' },
      { type: 'reasoning-end', id: '0', providerMetadata: { anthropic: { signature: 'sig-a' } } },
      { type: 'reasoning-start', id: '1', providerMetadata: { anthropic: { redactedData: 'opaque' } } },
      { type: 'reasoning-end', id: '1' },
      { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'f', input: '{}' },
      { type: 'tool-call', toolCallId: 'toolu_2', toolName: 'g', input: '{}' },
      finish,
    ]);
    const expected = [
      { type: 'reasoning', text: 'I will write.', providerMetadata: { anthropic: { signature: 'sig-a' } } },
      { type: 'reasoning', text: '', providerMetadata: { anthropic: { redactedData: 'opaque' } } },
    ];
    expect(store.get('session', 'toolu_1')).toEqual({ family: 'anthropic', reasoning: expected });
    expect(store.get('session', 'toolu_2')).toEqual({ family: 'anthropic', reasoning: expected });
  });

  it('should record nothing for unsigned reasoning or an empty signature', async () => {
    const store = new SignatureStore();
    await run(store, [
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'plain' },
      { type: 'reasoning-end', id: 'r', providerMetadata: { anthropic: { signature: '' } } },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'f', input: '{}' },
      finish,
    ]);
    expect(store.size).toBe(0);
  });

  it('should give a call only the thinking blocks that came before it', async () => {
    const store = new SignatureStore();
    await run(store, [
      { type: 'reasoning-start', id: 'a' },
      { type: 'reasoning-end', id: 'a', providerMetadata: { anthropic: { signature: 'first' } } },
      { type: 'tool-call', toolCallId: 't1', toolName: 'f', input: '{}' },
      { type: 'reasoning-start', id: 'b' },
      { type: 'reasoning-end', id: 'b', providerMetadata: { anthropic: { signature: 'second' } } },
      { type: 'tool-call', toolCallId: 't2', toolName: 'f', input: '{}' },
      finish,
    ]);
    expect(store.get('session', 't1')?.reasoning.map((part) => part.providerMetadata?.anthropic?.signature)).toEqual(['first']);
    expect(store.get('session', 't2')?.reasoning.map((part) => part.providerMetadata?.anthropic?.signature)).toEqual(['first', 'second']);
  });
});
