import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import { assertNever, type CanonicalChunk, type ChunkError, type ChunkOf, type ProviderMetadata, type Usage } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { toGeminiUsageMetadata } from './convert-gemini-usage.js';
import { parseGeminiArgs } from './parse-gemini-args.js';
import { geminiStatusFor } from './gemini-error.js';
import { toGeminiFinishReason } from './map-gemini-finish-reason.js';

export interface CanonicalToGeminiEventsOptions {
  /** `modelVersion` on every event: the model name the client asked for. */
  readonly model: string;
  readonly responseId: string;
}

type Part = Record<string, unknown>;

/**
 * Encodes canonical chunks as the SSE events a Gemini client reads from
 * `streamGenerateContent?alt=sse`: `data:`-only events (no `event:` line — genai drops such
 * events, PROTOCOLS.md B.3/D.22), each one `GenerateContentResponse` with incremental parts.
 *
 * - text deltas → `{text}` parts; reasoning deltas → `{text, thought: true}` parts;
 * - a block end carrying `providerMetadata.gemini.thoughtSignature` → an empty part holding the
 *   signature (the form Gemini itself uses);
 * - a tool call → one whole `functionCall {name, args, id}` part when its `tool-call` chunk
 *   arrives (the `tool-call` carries the complete arguments, so `tool-input-*` deltas need no
 *   buffering); `id` is left out when the decoder generated it; `thoughtSignature` is added when
 *   the call (or its `tool-input-start`) carries one;
 * - `finish` → a last event with `finishReason` and `usageMetadata` (the latest `usage` chunk
 *   overlaid by the finish usage);
 * - `error` → `data: {"error":{code, message, status}}`, then complete.
 *
 * ```
 * chunks: --ts--td("Hi")--te--finish--|
 * events: ------{Hi}-----------{STOP,usage}--|
 * ```
 *
 * @example
 * chunks$.pipe(canonicalToGeminiEvents({ model: 'gemini-2.5-flash', responseId: 'r1' }), map(serializeSse));
 */
export function canonicalToGeminiEvents(options: CanonicalToGeminiEventsOptions): OperatorFunction<CanonicalChunk, SseEvent> {
  return (source) =>
    new Observable<SseEvent>((subscriber) => {
      const startMetadata = new Map<string, ProviderMetadata | undefined>();
      let usage: Usage = {};
      let ended = false;
      let subscription: Subscription | undefined;
      const send = (parts: Part[], extra: { finishReason?: string; usageMetadata?: Record<string, number> } = {}): void => {
        const candidate: Record<string, unknown> = { content: { role: 'model', parts }, index: 0 };
        if (extra.finishReason !== undefined) candidate.finishReason = extra.finishReason;
        const response: Record<string, unknown> = { candidates: [candidate] };
        if (extra.usageMetadata !== undefined) response.usageMetadata = extra.usageMetadata;
        response.modelVersion = options.model;
        response.responseId = options.responseId;
        subscriber.next({ data: JSON.stringify(response) });
      };
      const end = (): void => {
        ended = true;
        startMetadata.clear();
        subscription?.unsubscribe();
        subscriber.complete();
      };
      const handle = (chunk: CanonicalChunk): void => {
        switch (chunk.type) {
          case 'text-delta':
            if (chunk.delta.length > 0) send([{ text: chunk.delta }]);
            return;
          case 'reasoning-delta':
            if (chunk.delta.length > 0) send([{ text: chunk.delta, thought: true }]);
            return;
          case 'text-end':
          case 'reasoning-end': {
            const signature = signatureOf(chunk.providerMetadata);
            if (signature !== undefined) send([{ text: '', ...(chunk.type === 'reasoning-end' ? { thought: true } : {}), thoughtSignature: signature }]);
            return;
          }
          case 'tool-input-start':
            startMetadata.set(chunk.id, chunk.providerMetadata);
            return;
          case 'tool-call':
            send([functionCallPart(chunk, startMetadata.get(chunk.toolCallId))]);
            startMetadata.delete(chunk.toolCallId);
            return;
          case 'usage':
            usage = { ...{}, ...usage, ...definedFields(chunk.usage) };
            return;
          case 'finish': {
            const finalUsage = { ...{}, ...usage, ...definedFields(chunk.usage) };
            const signature = signatureOf(chunk.providerMetadata);
            send([{ text: '', ...(signature === undefined ? {} : { thoughtSignature: signature }) }], {
              finishReason: toGeminiFinishReason(chunk.finishReason),
              usageMetadata: toGeminiUsageMetadata(finalUsage),
            });
            end();
            return;
          }
          case 'error':
            subscriber.next({ data: JSON.stringify(geminiStreamError(chunk.error)) });
            end();
            return;
          case 'stream-start':
          case 'response-metadata':
          case 'text-start':
          case 'reasoning-start':
          case 'tool-input-delta':
          case 'tool-input-end':
          case 'raw':
            return;
          default:
            assertNever(chunk);
        }
      };
      subscription = source.subscribe({
        next: (chunk) => {
          if (!ended) handle(chunk);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (!ended) subscriber.complete();
        },
      });
      if (ended) subscription.unsubscribe();
      return () => {
        subscription?.unsubscribe();
        startMetadata.clear();
      };
    });
}

/** The in-band error event body; genai turns it into an ApiError when `code` is 400–599. */
export function geminiStreamError(error: ChunkError): { error: { code: number; message: string; status: string } } {
  const mapped = geminiStatusFor(error.statusCode >= 400 && error.statusCode <= 599 ? error.statusCode : 500);
  return { error: { code: mapped.statusCode, message: error.message, status: mapped.status } };
}

function functionCallPart(chunk: ChunkOf<'tool-call'>, startMetadata: ProviderMetadata | undefined): Part {
  const gemini = chunk.providerMetadata?.gemini ?? startMetadata?.gemini;
  const generated = gemini?.generatedId === true;
  const signature = signatureOf(chunk.providerMetadata) ?? signatureOf(startMetadata);
  return {
    functionCall: { name: chunk.toolName, args: parseGeminiArgs(chunk.input), ...(generated ? {} : { id: chunk.toolCallId }) },
    ...(signature === undefined ? {} : { thoughtSignature: signature }),
  };
}

/** `providerMetadata.gemini.thoughtSignature`, when it is a string. */
export function signatureOf(metadata: ProviderMetadata | undefined): string | undefined {
  const signature = metadata?.gemini?.thoughtSignature;
  return typeof signature === 'string' && signature.length > 0 ? signature : undefined;
}

function definedFields(usage: Usage): Usage {
  return Object.fromEntries(Object.entries(usage).filter(([, value]) => value !== undefined)) as Usage;
}
