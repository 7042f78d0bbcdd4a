import { isLeft } from 'fp-ts/lib/Either.js';
import { GatewayError } from '../../errors/index.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { createResponsesDecoderState } from './openai-responses-decoder-state.js';
import { responsesResponseCodec } from './openai-responses-wire.js';

/**
 * Decodes a non-streaming Responses body into a short chunk stream: `response-metadata`, one
 * whole block per output item (text, reasoning with `providerMetadata.openai`, tool calls), then
 * `finish` — or an `error` chunk when the response `failed`. It replays the items through the
 * stream decoder's state machine, so both paths produce the same chunks.
 *
 * @example
 * decodeOpenAIResponsesBody(json, { generateId }).at(-1); // { type: 'finish', finishReason: { unified: 'stop', raw: 'completed' }, ... }
 */
export function decodeOpenAIResponsesBody(json: unknown, options: { generateId: (prefix: string) => string }): CanonicalChunk[] {
  const decoded = responsesResponseCodec.decode(json);
  if (isLeft(decoded) || typeof json !== 'object' || json === null) {
    throw new GatewayError('GW_ERR_UPSTREAM_PROTOCOL', 'The upstream response body is not a Responses object.');
  }
  const response = decoded.right;
  const chunks: CanonicalChunk[] = [];
  const state = createResponsesDecoderState({ emit: (chunk) => chunks.push(chunk), generateId: options.generateId });
  state.handle({ type: 'response.created', response });
  (response.output ?? []).forEach((item, index) => {
    state.handle({ type: 'response.output_item.added', output_index: index, item });
    state.handle({ type: 'response.output_item.done', output_index: index, item });
  });
  const terminal =
    response.status === 'failed' ? 'response.failed' : response.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
  state.handle({ type: terminal, response: { ...{}, ...response, status: response.status ?? 'completed' } });
  return chunks;
}
