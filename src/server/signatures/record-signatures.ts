import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import type { CanonicalChunk, ProviderMetadata } from '../../streams/canonical-chunk.js';
import type { ReasoningPart } from '../../streams/canonical-request.js';
import type { SignatureStore } from './signature-store.js';

interface OpenReasoning {
  readonly texts: string[];
  readonly startMetadata: ProviderMetadata | undefined;
}

/**
 * Keeps, per tool call the client sees, the signatures the client's protocol may not carry back
 * (see `SignatureStore`): the Gemini `thoughtSignature` on a `tool-call`, and the Anthropic
 * thinking blocks (`providerMetadata.anthropic.signature` / `redactedData`) that came before the
 * call in the same response. Chunks pass through unchanged and at once.
 *
 * ```
 * source: --rs--rd--re{sig}--tc{id:c1}--f|
 * result: --rs--rd--re{sig}--tc{id:c1}--f|   store: (scope, c1) → thinking block signed 'sig'
 * ```
 *
 * @example
 * chunks$.pipe(recordSignatures(core.signatures, sessionId));
 */
export function recordSignatures(store: SignatureStore, scope: string): MonoTypeOperatorFunction<CanonicalChunk> {
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      const open = new Map<string, OpenReasoning>();
      let signed: ReasoningPart[] = [];
      const record = (chunk: CanonicalChunk): void => {
        switch (chunk.type) {
          case 'reasoning-start':
            open.set(chunk.id, { texts: [], startMetadata: chunk.providerMetadata });
            return;
          case 'reasoning-delta':
            open.get(chunk.id)?.texts.push(chunk.delta);
            return;
          case 'reasoning-end': {
            const block = open.get(chunk.id);
            open.delete(chunk.id);
            const anthropic = anthropicSignatureOf(chunk.providerMetadata) ?? anthropicSignatureOf(block?.startMetadata);
            // A new array, so records already written keep the blocks that preceded their call only.
            if (anthropic !== undefined) signed = [...signed, { type: 'reasoning', text: block?.texts.join('') ?? '', providerMetadata: { anthropic } }];
            return;
          }
          case 'tool-call': {
            const gemini = chunk.providerMetadata?.gemini;
            const thoughtSignature = gemini?.thoughtSignature;
            if (typeof thoughtSignature === 'string' && thoughtSignature.length > 0) {
              store.set(scope, chunk.toolCallId, { family: 'gemini', thoughtSignature, ...(gemini?.generatedId === true ? { generatedId: true } : {}), reasoning: [] });
            } else if (signed.length > 0) {
              store.set(scope, chunk.toolCallId, { family: 'anthropic', reasoning: signed });
            }
            return;
          }
          default:
            return;
        }
      };
      const subscription = source.subscribe({
        next: (chunk) => {
          record(chunk);
          subscriber.next(chunk);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        subscription.unsubscribe();
        open.clear();
        signed = [];
      };
    });
}

/** `{signature}` or `{redactedData}` when the metadata holds a usable one. */
function anthropicSignatureOf(metadata: ProviderMetadata | undefined): Readonly<Record<string, string>> | undefined {
  const anthropic = metadata?.anthropic;
  if (typeof anthropic?.redactedData === 'string') return { redactedData: anthropic.redactedData };
  if (typeof anthropic?.signature === 'string' && anthropic.signature.length > 0) return { signature: anthropic.signature };
  return undefined;
}
