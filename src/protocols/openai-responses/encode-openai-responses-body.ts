import type { CanonicalResponse } from '../../streams/canonical-response.js';
import type { CodecContext } from '../../streams/codec-context.js';
import { buildOpenAIResponsesObject, type OpenAIResponsesEcho } from './build-openai-responses-object.js';
import { toOpenAIResponsesOutcome } from './map-openai-responses-finish-reason.js';
import { openAIResponsesFailure, readRepairedText } from './openai-responses-structured-output.js';
import { functionCallItem, messageItem, reasoningItem } from './openai-responses-output-items.js';

export interface EncodeOpenAIResponsesBodyOptions {
  /** The id the gateway gives this response (and stores history under); default a fresh `resp_…`. */
  readonly responseId?: string;
  /** The model name shown to the client; default the response's `modelId`. */
  readonly model?: string;
  readonly echo?: OpenAIResponsesEcho;
  readonly toolNamespaces?: Readonly<Record<string, string>>;
}

/**
 * Encodes a whole canonical response as a non-streaming Responses body, with the same item
 * shapes as the stream encoder's `response.completed` and the SDK's `output_text` convenience
 * field.
 *
 * @see https://platform.openai.com/docs/api-reference/responses/object
 * @example
 * encodeOpenAIResponsesBody(response, context).output_text; // 'Hello'
 */
export function encodeOpenAIResponsesBody(
  response: CanonicalResponse,
  context: CodecContext,
  options: EncodeOpenAIResponsesBodyOptions = {},
): Record<string, unknown> {
  const output = response.content.map((part) => {
    if (part.type === 'text') return messageItem(context.generateId('msg_'), 'completed', readRepairedText(part.providerMetadata) ?? part.text);
    if (part.type === 'reasoning') {
      const openai = part.providerMetadata?.openai;
      const id = typeof openai?.itemId === 'string' ? openai.itemId : context.generateId('rs_');
      return reasoningItem(id, part.text.length === 0 ? [] : [part.text], openai?.encryptedContent);
    }
    const itemId = part.providerMetadata?.openai?.itemId;
    return functionCallItem(typeof itemId === 'string' && itemId.length > 0 ? itemId : context.generateId('fc_'), 'completed', {
      callId: part.toolCallId,
      name: part.toolName,
      arguments: part.input,
      namespace: options.toolNamespaces?.[part.toolName],
    });
  });
  const outcome = toOpenAIResponsesOutcome(response.finishReason.unified);
  return buildOpenAIResponsesObject({
    responseId: options.responseId ?? context.generateId('resp_'),
    model: options.model ?? response.modelId ?? '',
    createdAt: response.created ?? Math.floor(context.now() / 1000),
    status: outcome.status,
    output,
    usage: response.usage,
    ...(outcome.status === 'failed' ? { error: openAIResponsesFailure(response.finishReason.raw, response.providerMetadata) } : {}),
    ...(outcome.incompleteReason === undefined ? {} : { incompleteReason: outcome.incompleteReason }),
    ...(options.echo === undefined ? {} : { echo: options.echo }),
    includeOutputText: true,
  });
}
