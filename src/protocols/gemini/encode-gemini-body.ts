import type { CanonicalResponse } from '../../streams/canonical-response.js';
import type { AssistantContentPart } from '../../streams/canonical-request.js';
import { signatureOf } from './canonical-to-gemini-events.js';
import { toGeminiUsageMetadata } from './convert-gemini-usage.js';
import { toGeminiFinishReason } from './map-gemini-finish-reason.js';
import { parseGeminiArgs } from './parse-gemini-args.js';

export interface EncodeGeminiBodyOptions {
  /** `modelVersion`: the model name the client asked for. */
  readonly model: string;
  /** Falls back to `response.id`. */
  readonly responseId?: string;
}

/**
 * Renders a whole canonical response as a non-streamed Gemini `GenerateContentResponse`.
 * Text, reasoning (`thought: true`) and tool calls become parts in order, each with its
 * `thoughtSignature` when `providerMetadata.gemini` has one; a response-level signature (from an
 * empty signature-only part upstream) becomes a trailing empty text part, as Gemini sends it.
 *
 * @example
 * encodeGeminiBody(response, { model: 'gemini-2.5-flash' });
 * // { candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion, responseId }
 */
export function encodeGeminiBody(response: CanonicalResponse, options: EncodeGeminiBodyOptions): Record<string, unknown> {
  const parts = response.content.map(encodePart).filter((part): part is Record<string, unknown> => part !== undefined);
  const trailing = signatureOf(response.providerMetadata);
  if (trailing !== undefined) parts.push({ text: '', thoughtSignature: trailing });
  const responseId = options.responseId ?? response.id;
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: toGeminiFinishReason(response.finishReason), index: 0 }],
    usageMetadata: toGeminiUsageMetadata(response.usage),
    modelVersion: options.model,
    ...(responseId === undefined ? {} : { responseId }),
  };
}

function encodePart(part: AssistantContentPart): Record<string, unknown> | undefined {
  const signature = signatureOf(part.providerMetadata);
  const signed = signature === undefined ? {} : { thoughtSignature: signature };
  switch (part.type) {
    case 'text':
      return part.text.length === 0 && signature === undefined ? undefined : { text: part.text, ...signed };
    case 'reasoning':
      return part.text.length === 0 && signature === undefined ? undefined : { text: part.text, thought: true, ...signed };
    case 'tool-call': {
      const generated = part.providerMetadata?.gemini?.generatedId === true;
      return {
        functionCall: { name: part.toolName, args: parseGeminiArgs(part.input), ...(generated ? {} : { id: part.toolCallId }) },
        ...signed,
      };
    }
    default: {
      const unexpected: never = part;
      throw new Error(`Unexpected content part: ${JSON.stringify(unexpected)}`);
    }
  }
}
