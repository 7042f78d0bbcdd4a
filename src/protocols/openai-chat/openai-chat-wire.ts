import * as t from 'io-ts';
import { discriminatedCodec, nonEmptyArray, nullish, otherTypedObject } from './openai-chat-codec-helpers.js';

/**
 * io-ts codecs for the client's Chat Completions request. Known fields are typed so that a
 * schema violation names its path (`messages.0.content`); objects are never `t.exact`, so
 * unknown fields survive decoding and can be passed on to an OpenAI-compatible upstream.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */

const textPartCodec = t.type({ type: t.literal('text'), text: t.string }, 'TextPart');
const refusalPartCodec = t.type({ type: t.literal('refusal'), refusal: t.string }, 'RefusalPart');
const imageUrlPartCodec = t.type(
  {
    type: t.literal('image_url'),
    image_url: t.intersection([t.type({ url: t.string }), t.partial({ detail: nullish(t.string) })]),
  },
  'ImageUrlPart',
);
const inputAudioPartCodec = t.type(
  { type: t.literal('input_audio'), input_audio: t.type({ data: t.string, format: t.string }) },
  'InputAudioPart',
);
const filePartCodec = t.type(
  {
    type: t.literal('file'),
    file: t.partial({ file_data: nullish(t.string), file_id: nullish(t.string), filename: nullish(t.string) }),
  },
  'FilePart',
);

const userPartCodec = discriminatedCodec('UserContentPart', 'type', {
  text: textPartCodec,
  image_url: imageUrlPartCodec,
  input_audio: inputAudioPartCodec,
  file: filePartCodec,
});
const assistantPartCodec = discriminatedCodec('AssistantContentPart', 'type', {
  text: textPartCodec,
  refusal: refusalPartCodec,
});
const toolResultPartCodec = discriminatedCodec('ToolResultPart', 'type', {
  text: textPartCodec,
  image_url: imageUrlPartCodec,
});

const textContentCodec = t.union([t.string, t.array(textPartCodec, 'TextPart[]')], 'string | TextPart[]');

export const openAIChatToolCallCodec = t.intersection(
  [
    t.type({ id: t.string, function: t.type({ name: t.string, arguments: t.string }) }),
    t.partial({ type: t.literal('function') }),
  ],
  'ToolCall',
);

const systemMessageCodec = t.type(
  { role: t.union([t.literal('system'), t.literal('developer')]), content: textContentCodec },
  'SystemMessage',
);
const userMessageCodec = t.type(
  {
    role: t.literal('user'),
    content: t.union([t.string, t.array(userPartCodec, 'UserContentPart[]')], 'string | UserContentPart[]'),
  },
  'UserMessage',
);
const assistantMessageCodec = t.intersection(
  [
    t.type({ role: t.literal('assistant') }),
    t.partial({
      content: t.union(
        [t.string, t.null, t.undefined, t.array(assistantPartCodec, 'AssistantContentPart[]')],
        'string | null | AssistantContentPart[]',
      ),
      tool_calls: nullish(t.array(openAIChatToolCallCodec, 'ToolCall[]')),
      function_call: nullish(t.type({ name: t.string, arguments: t.string })),
      reasoning_content: nullish(t.string),
      refusal: nullish(t.string),
    }),
  ],
  'AssistantMessage',
);
const toolMessageCodec = t.type(
  {
    role: t.literal('tool'),
    tool_call_id: t.string,
    content: t.union([t.string, t.array(toolResultPartCodec, 'ToolResultPart[]')], 'string | ToolResultPart[]'),
  },
  'ToolMessage',
);
// `content` may be absent: in `t.partial`, not `t.type`, where `is` would demand the key while
// `decode` let it go (the request decoder relies on the two agreeing).
const functionMessageCodec = t.intersection(
  [t.type({ role: t.literal('function'), name: t.string }), t.partial({ content: nullish(t.string) })],
  'FunctionMessage',
);

export const openAIChatMessageCodec = discriminatedCodec('Message', 'role', {
  system: systemMessageCodec,
  developer: systemMessageCodec,
  user: userMessageCodec,
  assistant: assistantMessageCodec,
  tool: toolMessageCodec,
  function: functionMessageCodec,
});

const functionDefinitionCodec = t.intersection(
  [
    t.type({ name: t.string }),
    t.partial({
      description: nullish(t.string),
      parameters: nullish(t.UnknownRecord),
      strict: nullish(t.boolean),
    }),
  ],
  'FunctionDefinition',
);

/** `{type:"function", function:{…}}`; other tool types (`custom`) are kept as opaque objects. */
export const openAIChatToolCodec = t.union(
  [
    t.type({ type: t.literal('function'), function: functionDefinitionCodec }),
    otherTypedObject('function', 'OtherTool'),
  ],
  'Tool',
);

export const openAIChatToolChoiceCodec = t.union(
  [
    t.keyof({ none: null, auto: null, required: null }),
    t.type({ type: t.literal('function'), function: t.type({ name: t.string }) }),
    otherTypedObject('function', 'OtherToolChoice'),
  ],
  "'none' | 'auto' | 'required' | ToolChoiceObject",
);

export const openAIChatResponseFormatCodec = t.union(
  [
    t.type({ type: t.keyof({ text: null, json_object: null }) }),
    t.type({
      type: t.literal('json_schema'),
      json_schema: t.intersection([
        t.type({ name: t.string }),
        t.partial({ schema: nullish(t.UnknownRecord), strict: nullish(t.boolean), description: nullish(t.string) }),
      ]),
    }),
  ],
  'ResponseFormat',
);

export const openAIChatRequestCodec = t.intersection(
  [
    t.type({ model: t.string, messages: nonEmptyArray(openAIChatMessageCodec, 'Message[]') }),
    t.partial({
      tools: nullish(t.array(openAIChatToolCodec, 'Tool[]')),
      tool_choice: nullish(openAIChatToolChoiceCodec),
      parallel_tool_calls: nullish(t.boolean),
      functions: nullish(t.array(functionDefinitionCodec, 'FunctionDefinition[]')),
      function_call: nullish(t.union([t.keyof({ none: null, auto: null }), t.type({ name: t.string })])),
      response_format: nullish(openAIChatResponseFormatCodec),
      max_tokens: nullish(t.number),
      max_completion_tokens: nullish(t.number),
      temperature: nullish(t.number),
      top_p: nullish(t.number),
      n: nullish(t.number),
      stop: nullish(t.union([t.string, t.array(t.string)], 'string | string[]')),
      seed: nullish(t.number),
      stream: nullish(t.boolean),
      stream_options: nullish(t.partial({ include_usage: nullish(t.boolean) })),
      reasoning_effort: nullish(t.string),
      user: nullish(t.string),
      metadata: nullish(t.record(t.string, t.string)),
    }),
  ],
  'ChatCompletionRequest',
);

export type OpenAIChatRequest = t.TypeOf<typeof openAIChatRequestCodec>;
export type OpenAIChatMessage = t.TypeOf<typeof openAIChatMessageCodec>;
export type OpenAIChatUserPart = t.TypeOf<typeof userPartCodec>;
export type OpenAIChatToolResultPart = t.TypeOf<typeof toolResultPartCodec>;
export type OpenAIChatToolCall = t.TypeOf<typeof openAIChatToolCallCodec>;
export type OpenAIChatTool = t.TypeOf<typeof openAIChatToolCodec>;
export type OpenAIChatFunctionDefinition = t.TypeOf<typeof functionDefinitionCodec>;
export type OpenAIChatToolChoice = t.TypeOf<typeof openAIChatToolChoiceCodec>;
export type OpenAIChatResponseFormat = t.TypeOf<typeof openAIChatResponseFormatCodec>;

/** Top-level request fields the decoder reads; everything else is passed through untouched. */
export const knownOpenAIChatRequestFields: ReadonlySet<string> = new Set([
  'model', 'messages', 'tools', 'tool_choice', 'parallel_tool_calls', 'functions', 'function_call',
  'response_format', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'stop', 'seed',
  'stream', 'stream_options', 'reasoning_effort', 'user', 'metadata',
]);

/** Per-role message fields the decoder reads; the rest go to the message's providerMetadata. */
export const knownOpenAIChatMessageFields: Readonly<Record<OpenAIChatMessage['role'], ReadonlySet<string>>> = {
  system: new Set(['role', 'content']),
  developer: new Set(['role', 'content']),
  user: new Set(['role', 'content']),
  assistant: new Set(['role', 'content', 'tool_calls', 'function_call', 'reasoning_content']),
  tool: new Set(['role', 'content', 'tool_call_id']),
  function: new Set(['role', 'content', 'name']),
};
