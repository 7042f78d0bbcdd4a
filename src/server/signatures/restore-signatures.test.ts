import { describe, expect, it } from 'vitest';
import type { AssistantContentPart, CanonicalMessage, CanonicalRequest, ReasoningPart } from '../../streams/canonical-request.js';
import { restoreSignatures, type SignatureLookup } from './restore-signatures.js';
import type { SignatureRecord } from './signature-store.js';

const thinking: ReasoningPart = { type: 'reasoning', text: 'I will write the file.', providerMetadata: { anthropic: { signature: 'sig-a' } } };
const records: Record<string, SignatureRecord> = {
  call_g: { family: 'gemini', thoughtSignature: 'sig-g', reasoning: [] },
  call_gen: { family: 'gemini', thoughtSignature: 'sig-gen', generatedId: true, reasoning: [] },
  toolu_1: { family: 'anthropic', reasoning: [thinking] },
  toolu_2: { family: 'anthropic', reasoning: [thinking] },
};
const lookup: SignatureLookup = (id) => records[id];
/** The content of the assistant message at `index` (the tests only read assistant turns). */
const assistantContent = (value: CanonicalRequest, index: number): readonly AssistantContentPart[] => {
  const message = value.messages[index];
  return message?.role === 'assistant' ? message.content : [];
};
const request = (...messages: CanonicalMessage[]): CanonicalRequest => ({ model: 'm', stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: 'go' }] }, ...messages] });

describe('restoreSignatures', () => {
  it("should put Gemini's thoughtSignature back on an unsigned call, keeping its other metadata", () => {
    const restored = restoreSignatures(
      request({
        role: 'assistant',
        content: [
          { type: 'text', text: 'ok' },
          { type: 'tool-call', toolCallId: 'call_g', toolName: 'f', input: '{}', providerMetadata: { openai: { itemId: 'fc_1' } } },
          { type: 'tool-call', toolCallId: 'call_gen', toolName: 'f', input: '{}' },
        ],
      }),
      lookup,
      'gemini',
    );
    expect(restored.messages[1]?.content).toEqual([
      { type: 'text', text: 'ok' },
      { type: 'tool-call', toolCallId: 'call_g', toolName: 'f', input: '{}', providerMetadata: { openai: { itemId: 'fc_1' }, gemini: { thoughtSignature: 'sig-g' } } },
      { type: 'tool-call', toolCallId: 'call_gen', toolName: 'f', input: '{}', providerMetadata: { gemini: { thoughtSignature: 'sig-gen', generatedId: true } } },
    ]);
  });

  it('should never replace a signature the client sent', () => {
    const original = request({ role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_g', toolName: 'f', input: '{}', providerMetadata: { gemini: { thoughtSignature: 'client' } } }] });
    expect(restoreSignatures(original, lookup, 'gemini')).toBe(original);
  });

  it('should put the signed thinking first in an assistant turn with tool calls, once for parallel calls', () => {
    const restored = restoreSignatures(
      request({
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'summary', providerMetadata: { openai: { itemId: 'rs_1' } } },
          { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'f', input: '{}' },
          { type: 'tool-call', toolCallId: 'toolu_2', toolName: 'f', input: '{}' },
        ],
      }),
      lookup,
      'anthropic',
    );
    expect(assistantContent(restored, 1).map((part) => part.type)).toEqual(['reasoning', 'reasoning', 'tool-call', 'tool-call']);
    expect(restored.messages[1]?.content[0]).toBe(thinking);
  });

  it('should leave a turn that already has signed thinking alone', () => {
    const original = request({ role: 'assistant', content: [thinking, { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'f', input: '{}' }] });
    expect(restoreSignatures(original, lookup, 'anthropic')).toBe(original);
  });

  it('should restore only onto the family that made the signature', () => {
    const original = request({
      role: 'assistant',
      content: [
        { type: 'tool-call', toolCallId: 'call_g', toolName: 'f', input: '{}' },
        { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'f', input: '{}' },
      ],
    });
    expect(restoreSignatures(original, lookup, 'openai-compatible')).toBe(original);
    const toGemini = restoreSignatures(original, lookup, 'gemini');
    expect(assistantContent(toGemini, 1).map((part) => part.type)).toEqual(['tool-call', 'tool-call']);
    expect(toGemini.messages[1]?.content[1]).toBe(original.messages[1]?.content[1]);
    const toAnthropic = restoreSignatures(original, lookup, 'anthropic');
    expect(toAnthropic.messages[1]?.content.slice(1)).toEqual(original.messages[1]?.content);
  });
});
