import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../../test/split-bytes.js';
import type { AssistantContentPart, CanonicalMessage, CanonicalRequest } from '../../streams/canonical-request.js';
import { restoreSignatures } from './restore-signatures.js';
import type { SignatureRecord } from './signature-store.js';

const ids = ['a', 'b', 'c', 'd', 'e'];
const id = fc.constantFrom(...ids);
const signature = fc.constantFrom('s1', 's2', '');

const part: fc.Arbitrary<AssistantContentPart> = fc.oneof(
  fc.record({ type: fc.constant('text' as const), text: fc.string({ maxLength: 4 }) }),
  fc.record({
    type: fc.constant('reasoning' as const),
    text: fc.string({ maxLength: 4 }),
    providerMetadata: fc.option(signature.map((value) => ({ anthropic: { signature: value } })), { nil: undefined }),
  }).map(({ providerMetadata, ...rest }) => (providerMetadata === undefined ? rest : { ...rest, providerMetadata })),
  fc.record({
    type: fc.constant('tool-call' as const),
    toolCallId: id,
    toolName: fc.constant('f'),
    input: fc.constant('{}'),
    providerMetadata: fc.option(signature.map((value) => ({ gemini: { thoughtSignature: value } })), { nil: undefined }),
  }).map(({ providerMetadata, ...rest }) => (providerMetadata === undefined ? rest : { ...rest, providerMetadata })),
);
const message: fc.Arbitrary<CanonicalMessage> = fc.oneof(
  fc.record({ role: fc.constant('assistant' as const), content: fc.array(part, { maxLength: 4 }) }),
  fc.record({ role: fc.constant('user' as const), content: fc.constant([{ type: 'text' as const, text: 'q' }]) }),
  fc.record({ role: fc.constant('tool' as const), content: id.map((toolCallId) => [{ type: 'tool-result' as const, toolCallId, output: [] }]) }),
);
const request: fc.Arbitrary<CanonicalRequest> = fc.array(message, { maxLength: 5 }).map((messages) => ({ model: 'm', stream: true, messages }));
const record: fc.Arbitrary<SignatureRecord> = fc.oneof(
  fc.record({ family: fc.constant('gemini' as const), thoughtSignature: fc.constantFrom('g1', 'g2'), reasoning: fc.constant([]) }),
  fc.record({
    family: fc.constant('anthropic' as const),
    reasoning: fc.array(fc.constantFrom('t1', 't2').map((text) => ({ type: 'reasoning' as const, text, providerMetadata: { anthropic: { signature: `sig-${text}` } } })), { minLength: 1, maxLength: 2 }),
  }),
);
const store = fc.dictionary(id, record, { maxKeys: 5 });
const family = fc.constantFrom('gemini', 'anthropic', 'openai-compatible');

const callIds = (message: CanonicalMessage): string[] =>
  message.role === 'assistant' ? message.content.flatMap((part) => (part.type === 'tool-call' ? [part.toolCallId] : [])) : [];

describe('restoreSignatures', () => {
  it('should change nothing on a second pass', () => {
    fc.assert(
      fc.property(request, store, family, (value, records, target) => {
        const lookup = (toolCallId: string) => records[toolCallId];
        const once = restoreSignatures(value, lookup, target);
        expect(restoreSignatures(once, lookup, target)).toBe(once);
      }),
      { numRuns },
    );
  });

  it('should return every message without a recorded call id as the same object', () => {
    fc.assert(
      fc.property(request, store, family, (value, records, target) => {
        const restored = restoreSignatures(value, (toolCallId) => records[toolCallId], target);
        expect(restored.messages).toHaveLength(value.messages.length);
        value.messages.forEach((original, index) => {
          if (!callIds(original).some((toolCallId) => records[toolCallId] !== undefined)) expect(restored.messages[index]).toBe(original);
        });
        if (value.messages.every((original) => !callIds(original).some((toolCallId) => records[toolCallId] !== undefined))) expect(restored).toBe(value);
      }),
      { numRuns },
    );
  });

  it('should only add: every part of the input is still there, in order', () => {
    fc.assert(
      fc.property(request, store, family, (value, records, target) => {
        const restored = restoreSignatures(value, (toolCallId) => records[toolCallId], target);
        value.messages.forEach((original, index) => {
          const after = restored.messages[index];
          expect(after?.role).toBe(original.role);
          if (original.role !== 'assistant' || after?.role !== 'assistant') return;
          const kept = after.content.slice(after.content.length - original.content.length);
          expect(kept.map((part) => (part.type === 'tool-call' ? { ...part, providerMetadata: undefined } : part))).toEqual(
            original.content.map((part) => (part.type === 'tool-call' ? { ...part, providerMetadata: undefined } : part)),
          );
        });
      }),
      { numRuns },
    );
  });
});
