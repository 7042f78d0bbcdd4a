import * as t from 'io-ts';
import { byType, jsonObjectCodec, nullish, unknownBlockCodec } from './anthropic-wire-helpers.js';

/**
 * io-ts codecs for a client's Anthropic Messages request (`POST /v1/messages`). Strict enough
 * that a schema violation names the field path; unknown fields are kept (no `t.exact`), so the
 * decoder can pass them on to an Anthropic upstream.
 *
 * @see https://platform.claude.com/docs/en/api/messages
 */

const cacheControl = t.partial({ cache_control: t.unknown });

export const anthropicTextBlockCodec = t.intersection([
  t.type({ type: t.literal('text'), text: t.string }),
  t.partial({ citations: t.unknown }),
  cacheControl,
]);

const imageSourceCodec = byType(
  'ImageSource',
  {
    base64: t.type({ type: t.literal('base64'), media_type: t.string, data: t.string }),
    url: t.type({ type: t.literal('url'), url: t.string }),
    file: t.type({ type: t.literal('file'), file_id: t.string }),
  },
);

export const anthropicImageBlockCodec = t.intersection([
  t.type({ type: t.literal('image'), source: imageSourceCodec }),
  cacheControl,
]);

export const anthropicDocumentBlockCodec = t.intersection([
  t.type({ type: t.literal('document'), source: jsonObjectCodec }),
  t.partial({ title: nullish(t.string), context: nullish(t.string), citations: t.unknown }),
  cacheControl,
]);

export const anthropicToolUseBlockCodec = t.intersection([
  t.type({ type: t.literal('tool_use'), id: t.string, name: t.string, input: t.unknown }),
  cacheControl,
]);

/** Blocks allowed inside a `tool_result`; unknown ones are kept and dropped later with a warning. */
const toolResultContentBlockCodec = byType(
  'ToolResultContentBlock',
  { text: anthropicTextBlockCodec, image: anthropicImageBlockCodec },
  unknownBlockCodec,
);

export const anthropicToolResultBlockCodec = t.intersection([
  t.type({ type: t.literal('tool_result'), tool_use_id: t.string }),
  t.partial({
    content: nullish(t.union([t.string, t.array(toolResultContentBlockCodec)])),
    is_error: nullish(t.boolean),
  }),
  cacheControl,
]);

export const anthropicThinkingBlockCodec = t.intersection([
  t.type({ type: t.literal('thinking'), thinking: t.string }),
  t.partial({ signature: nullish(t.string) }),
]);

export const anthropicRedactedThinkingBlockCodec = t.type({
  type: t.literal('redacted_thinking'),
  data: t.string,
});

export const anthropicContentBlockCodec = byType(
  'ContentBlock',
  {
    text: anthropicTextBlockCodec,
    image: anthropicImageBlockCodec,
    document: anthropicDocumentBlockCodec,
    tool_use: anthropicToolUseBlockCodec,
    tool_result: anthropicToolResultBlockCodec,
    thinking: anthropicThinkingBlockCodec,
    redacted_thinking: anthropicRedactedThinkingBlockCodec,
  },
  // Any other block (`server_tool_use`, `search_result`, ...): tolerated, not translated.
  unknownBlockCodec,
);

export const anthropicMessageCodec = t.type({
  role: t.keyof({ user: null, assistant: null, system: null }),
  content: t.union([t.string, t.array(anthropicContentBlockCodec)]),
});

/** A custom tool, or a server tool (`{type: 'web_search_20250305', name, ...}`) kept verbatim. */
export const anthropicCustomToolCodec = t.intersection([
  t.type({ name: t.string, input_schema: jsonObjectCodec }),
  t.partial({ type: t.literal('custom'), description: nullish(t.string), strict: nullish(t.boolean) }),
  cacheControl,
]);

const anthropicServerToolCodec = t.intersection([t.type({ type: t.string }), t.partial({ name: t.string })]);

export const anthropicToolCodec = new t.Type<
  t.TypeOf<typeof anthropicCustomToolCodec> | t.TypeOf<typeof anthropicServerToolCodec>,
  unknown,
  unknown
>(
  'Tool',
  (value): value is t.TypeOf<typeof anthropicCustomToolCodec> => typeof value === 'object' && value !== null,
  (value, context) => {
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    const codec = typeof type === 'string' && type !== 'custom' ? anthropicServerToolCodec : anthropicCustomToolCodec;
    return codec.validate(value, t.appendContext(context, '', codec, value));
  },
  (value) => value,
);

export const anthropicToolChoiceCodec = t.intersection([
  t.type({ type: t.keyof({ auto: null, any: null, none: null, tool: null }) }),
  t.partial({ name: t.string, disable_parallel_tool_use: nullish(t.boolean) }),
]);

export const anthropicThinkingConfigCodec = t.intersection([
  t.type({ type: t.keyof({ enabled: null, disabled: null, adaptive: null }) }),
  t.partial({ budget_tokens: t.number, display: nullish(t.string) }),
]);

export const anthropicOutputConfigCodec = t.partial({
  effort: nullish(t.keyof({ low: null, medium: null, high: null, xhigh: null, max: null })),
  format: nullish(t.intersection([t.type({ type: t.string }), t.partial({ schema: jsonObjectCodec })])),
});

export const anthropicRequestCodec = t.intersection([
  t.type({
    model: t.string,
    max_tokens: t.number,
    messages: t.array(anthropicMessageCodec),
  }),
  t.partial({
    system: nullish(t.union([t.string, t.array(anthropicTextBlockCodec)])),
    tools: nullish(t.array(anthropicToolCodec)),
    tool_choice: nullish(anthropicToolChoiceCodec),
    thinking: nullish(anthropicThinkingConfigCodec),
    temperature: nullish(t.number),
    top_p: nullish(t.number),
    top_k: nullish(t.number),
    stop_sequences: nullish(t.array(t.string)),
    stream: nullish(t.boolean),
    metadata: nullish(t.partial({ user_id: nullish(t.string) })),
    output_config: nullish(anthropicOutputConfigCodec),
  }),
]);

export type AnthropicRequest = t.TypeOf<typeof anthropicRequestCodec>;
export type AnthropicMessage = t.TypeOf<typeof anthropicMessageCodec>;
export type AnthropicContentBlock = t.TypeOf<typeof anthropicContentBlockCodec>;
export type AnthropicTextBlock = t.TypeOf<typeof anthropicTextBlockCodec>;
export type AnthropicImageBlock = t.TypeOf<typeof anthropicImageBlockCodec>;
export type AnthropicToolResultBlock = t.TypeOf<typeof anthropicToolResultBlockCodec>;
export type AnthropicCustomTool = t.TypeOf<typeof anthropicCustomToolCodec>;

/** The top-level request fields the decoder translates; anything else is passed through. */
export const anthropicKnownRequestFields: ReadonlySet<string> = new Set([
  'model', 'max_tokens', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'temperature',
  'top_p', 'top_k', 'stop_sequences', 'stream', 'metadata', 'output_config',
]);
