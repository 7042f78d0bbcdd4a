import { Observable, type OperatorFunction } from 'rxjs';
import type { CanonicalChunk, ChunkOf } from '../streams/canonical-chunk.js';
import type { CanonicalResponseFormat } from '../streams/canonical-request.js';
import { mergeProviderMetadata } from '../streams/merge-provider-metadata.js';
import { checkStructuredText } from './structured-output/check-structured-text.js';

/**
 * The provider-metadata key the verdict travels under: on `text-end`
 * `{repaired: true, repairedText}` when the text was repaired; on `finish`
 * `{error}` when it could not be (the finish is then `{unified: 'error', raw: STRUCTURED_OUTPUT_INVALID}`).
 */
export const STRUCTURED_OUTPUT_KEY = 'structuredOutput';
/** The raw finish reason (and client-facing error code) of an output that cannot be made valid. */
export const STRUCTURED_OUTPUT_INVALID = 'structured_output_invalid';

export interface EnforceStructuredOutputOptions {
  /** The client's response format; `text` passes everything through. */
  readonly format: CanonicalResponseFormat;
  /**
   * How an unrepairable output ends: `finish` (default) turns the finish into
   * `{unified: 'error', raw: 'structured_output_invalid'}` with the reason in its provider
   * metadata, for encoders that render a failed response (Responses `response.failed`); `error`
   * replaces the finish with an in-band `error` chunk (code `structured_output_invalid`), which
   * every protocol renders as its error (an HTTP error for non-streaming clients).
   */
  readonly invalidAs?: 'finish' | 'error';
  readonly onRepair?: (info: { readonly original: string; readonly repaired: string }) => void;
  readonly onFailure?: (info: { readonly text: string; readonly error: string }) => void;
}

const passThroughReasons = new Set(['tool-calls', 'content-filter', 'error']);

/**
 * Makes a response honour a JSON response format (`json_schema` or `json_object`). Text deltas
 * pass through as they come; at each text block's end the block's text is parsed and validated
 * (ajv), and when it fails, repaired with `jsonrepair` and validated again. A repaired text rides
 * on the `text-end` chunk (`providerMetadata.structuredOutput.repairedText`) so encoders can put
 * it in their `.done` events and bodies; streamed deltas cannot be taken back. An output that
 * cannot be made valid ends as an error finish (or error chunk), never as silently invalid JSON.
 * Turns that call tools, were filtered or already failed are left alone.
 *
 * ```
 * source: --ts--d("{'a':1,")--te--f(stop)--|
 * result: --ts--d("{'a':1,")--te{repairedText:'{"a":1}'}--f(stop)--|   (prose instead: f(error))
 * ```
 *
 * @param options The format, how failures end, and callbacks for metrics and logs.
 * @example
 * chunks$.pipe(enforceStructuredOutput({ format: request.responseFormat, onRepair: () => repairs.inc() }))
 */
export function enforceStructuredOutput(options: EnforceStructuredOutputOptions): OperatorFunction<CanonicalChunk, CanonicalChunk> {
  const format = options.format;
  if (format.type === 'text') return (source) => source;
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      let texts = new Map<string, string[]>();
      let sawText = false;
      let sawToolCall = false;
      let failure: string | undefined;

      const endText = (chunk: ChunkOf<'text-end'>): CanonicalChunk => {
        const pieces = texts.get(chunk.id);
        if (pieces === undefined) return chunk;
        texts.delete(chunk.id);
        const text = pieces.join('');
        const verdict = checkStructuredText(text, format);
        if (verdict.kind === 'valid') return chunk;
        if (verdict.kind === 'invalid') {
          failure ??= verdict.error;
          options.onFailure?.({ text, error: verdict.error });
          return chunk;
        }
        options.onRepair?.({ original: text, repaired: verdict.text });
        const providerMetadata = mergeProviderMetadata(chunk.providerMetadata, {
          [STRUCTURED_OUTPUT_KEY]: { repaired: true, repairedText: verdict.text },
        });
        return { ...{}, ...chunk, ...(providerMetadata === undefined ? {} : { providerMetadata }) };
      };

      const finish = (chunk: ChunkOf<'finish'>): CanonicalChunk => {
        if (passThroughReasons.has(chunk.finishReason.unified) || sawToolCall) return chunk;
        const problem = failure ?? (sawText ? undefined : 'the response has no text');
        if (problem === undefined) return chunk;
        if (!sawText) options.onFailure?.({ text: '', error: problem });
        const message = `Structured output invalid: ${problem}`;
        if (options.invalidAs === 'error') {
          return {
            type: 'error',
            error: { code: 'GW_ERR_UPSTREAM_PROTOCOL', statusCode: 502, message, upstreamCode: STRUCTURED_OUTPUT_INVALID },
          };
        }
        const providerMetadata = mergeProviderMetadata(chunk.providerMetadata, { [STRUCTURED_OUTPUT_KEY]: { error: message } });
        return { ...{}, ...chunk, finishReason: { unified: 'error', raw: STRUCTURED_OUTPUT_INVALID }, ...(providerMetadata === undefined ? {} : { providerMetadata }) };
      };

      const handle = (chunk: CanonicalChunk): CanonicalChunk => {
        switch (chunk.type) {
          case 'text-start':
            sawText = true;
            if (!texts.has(chunk.id)) texts.set(chunk.id, []);
            return chunk;
          case 'text-delta': {
            sawText = true;
            let pieces = texts.get(chunk.id);
            if (pieces === undefined) texts.set(chunk.id, (pieces = []));
            pieces.push(chunk.delta);
            return chunk;
          }
          case 'text-end':
            return endText(chunk);
          case 'tool-input-start':
          case 'tool-call':
            sawToolCall = true;
            return chunk;
          case 'finish':
            return finish(chunk);
          default:
            return chunk;
        }
      };

      const subscription = source.subscribe({
        next: (chunk) => subscriber.next(handle(chunk)),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        subscription.unsubscribe();
        texts = new Map();
      };
    });
}
