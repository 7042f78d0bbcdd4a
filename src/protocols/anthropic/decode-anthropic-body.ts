import { isLeft } from 'fp-ts/lib/Either.js';
import { from } from 'rxjs';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { anthropicEventsToCanonical } from './anthropic-events-to-canonical.js';
import { anthropicMessageBodyCodec, anthropicResponseBlockCodec } from './anthropic-event-wire.js';

type Payload = Record<string, unknown> & { type: string };

function event(payload: Payload): SseEvent {
  return { event: payload.type, data: JSON.stringify(payload) };
}

/** The deltas a streamed reply would have carried for one whole content block. */
function blockEvents(index: number, block: unknown): Payload[] {
  const decoded = anthropicResponseBlockCodec.decode(block);
  if (isLeft(decoded)) return [];
  const value = decoded.right;
  const delta = (payload: Record<string, unknown>): Payload => ({ type: 'content_block_delta', index, delta: payload });
  const start = (contentBlock: Record<string, unknown>): Payload => ({ type: 'content_block_start', index, content_block: contentBlock });
  const stop: Payload = { type: 'content_block_stop', index };
  switch (value.type) {
    case 'text':
      return [start({ type: 'text', text: '' }), delta({ type: 'text_delta', text: value.text ?? '' }), stop];
    case 'thinking':
      return [
        start({ type: 'thinking', thinking: '' }),
        delta({ type: 'thinking_delta', thinking: value.thinking ?? '' }),
        ...(value.signature ? [delta({ type: 'signature_delta', signature: value.signature })] : []),
        stop,
      ];
    case 'tool_use':
      return [
        start({ type: 'tool_use', id: value.id, name: value.name, input: {} }),
        delta({ type: 'input_json_delta', partial_json: JSON.stringify(value.input ?? {}) }),
        stop,
      ];
    default:
      // redacted_thinking arrives whole in the start event; unknown blocks are ignored there too.
      return [start(block as Record<string, unknown>), stop];
  }
}

/**
 * Decodes a non-streamed Anthropic `/v1/messages` reply into a short canonical chunk stream, by
 * replaying it as the events a streamed reply would have sent — so both paths share one decoder.
 * An error body (`{type:'error', ...}`) or an unreadable one becomes an `error` chunk.
 *
 * @example
 * decodeAnthropicBody({ id: 'msg_1', type: 'message', content: [{ type: 'text', text: 'Hi' }], stop_reason: 'end_turn', usage: { input_tokens: 3, output_tokens: 1 } });
 * // [response-metadata, usage, text-start, text-delta 'Hi', text-end, finish]
 */
export function decodeAnthropicBody(json: unknown): CanonicalChunk[] {
  const body = anthropicMessageBodyCodec.decode(json);
  const payloads: Payload[] = [];
  if (isLeft(body)) {
    const isError = typeof json === 'object' && json !== null && (json as { type?: unknown }).type === 'error';
    if (isError) payloads.push(json as Payload);
    else return [{ type: 'error', error: { code: 'GW_ERR_UPSTREAM_PROTOCOL', statusCode: 502, message: 'Upstream reply is not an Anthropic message' } }];
  } else {
    const { id, model, usage, content, stop_reason: stopReason, stop_sequence: stopSequence, stop_details: stopDetails } = body.right;
    payloads.push({ type: 'message_start', message: { id, model, usage: usage ?? {} } });
    content.forEach((block, index) => payloads.push(...blockEvents(index, block)));
    payloads.push({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: stopSequence, stop_details: stopDetails }, usage: {} });
    payloads.push({ type: 'message_stop' });
  }
  const chunks: CanonicalChunk[] = [];
  // `from` over an array is synchronous, so the chunks are all collected when subscribe returns.
  from(payloads.map(event)).pipe(anthropicEventsToCanonical()).subscribe((chunk) => chunks.push(chunk));
  return chunks;
}
