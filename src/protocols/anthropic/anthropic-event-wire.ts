import * as t from 'io-ts';
import { nullish } from './anthropic-wire-helpers.js';

/**
 * Lenient io-ts codecs for what an Anthropic upstream sends: stream events and non-streamed
 * message bodies. Minimal fields, nullish accepted, unknown fields ignored (STYLE.md §9).
 *
 * @see https://platform.claude.com/docs/en/build-with-claude/streaming
 */

export const anthropicUsageWireCodec = t.partial({
  input_tokens: nullish(t.number),
  output_tokens: nullish(t.number),
  cache_creation_input_tokens: nullish(t.number),
  cache_read_input_tokens: nullish(t.number),
  output_tokens_details: nullish(t.partial({ thinking_tokens: nullish(t.number) })),
});
export type AnthropicUsageWire = t.TypeOf<typeof anthropicUsageWireCodec>;

export const anthropicMessageStartEventCodec = t.type({
  type: t.literal('message_start'),
  message: t.partial({ id: nullish(t.string), model: nullish(t.string), usage: nullish(t.UnknownRecord) }),
});

/** The `content_block` of a `content_block_start` (or one element of a body's `content`). */
export const anthropicResponseBlockCodec = t.intersection([
  t.type({ type: t.string }),
  t.partial({
    text: nullish(t.string),
    thinking: nullish(t.string),
    signature: nullish(t.string),
    data: nullish(t.string),
    id: nullish(t.string),
    name: nullish(t.string),
    input: t.unknown,
  }),
]);
export type AnthropicResponseBlock = t.TypeOf<typeof anthropicResponseBlockCodec>;

export const anthropicContentBlockStartEventCodec = t.type({
  type: t.literal('content_block_start'),
  index: t.number,
  content_block: anthropicResponseBlockCodec,
});

export const anthropicContentBlockDeltaEventCodec = t.type({
  type: t.literal('content_block_delta'),
  index: t.number,
  delta: t.intersection([
    t.type({ type: t.string }),
    t.partial({
      text: nullish(t.string),
      thinking: nullish(t.string),
      signature: nullish(t.string),
      partial_json: nullish(t.string),
    }),
  ]),
});

export const anthropicContentBlockStopEventCodec = t.type({
  type: t.literal('content_block_stop'),
  index: t.number,
});

export const anthropicMessageDeltaEventCodec = t.intersection([
  t.type({ type: t.literal('message_delta') }),
  t.partial({
    delta: nullish(
      t.partial({
        stop_reason: nullish(t.string),
        stop_sequence: nullish(t.string),
        stop_details: t.unknown,
      }),
    ),
    usage: nullish(t.UnknownRecord),
    context_management: t.unknown,
  }),
]);

export const anthropicErrorPayloadCodec = t.partial({
  type: nullish(t.string),
  error: nullish(t.partial({ type: nullish(t.string), message: nullish(t.string) })),
  message: nullish(t.string),
});

/** A non-streamed `/v1/messages` reply. */
export const anthropicMessageBodyCodec = t.intersection([
  t.type({ content: t.array(t.unknown) }),
  t.partial({
    id: nullish(t.string),
    type: nullish(t.string),
    model: nullish(t.string),
    stop_reason: nullish(t.string),
    stop_sequence: nullish(t.string),
    stop_details: t.unknown,
    usage: nullish(t.UnknownRecord),
  }),
]);
export type AnthropicMessageBody = t.TypeOf<typeof anthropicMessageBodyCodec>;
