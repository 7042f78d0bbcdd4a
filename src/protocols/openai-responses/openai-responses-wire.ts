import * as t from 'io-ts';

/**
 * io-ts codecs for the OpenAI Responses wire format (`POST /v1/responses`).
 *
 * The client request codecs are strict enough that a schema violation names the field path
 * (`input[2].call_id`), yet tolerant of what real clients add: unknown top-level fields, unknown
 * input item types and unknown tool types pass through untouched (Codex CLI sends `namespace`,
 * `web_search`, `custom` tools and fields such as `client_metadata`). Upstream events and bodies
 * are read with lenient codecs: minimal fields, nullish accepted.
 *
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */

/** `T | null | undefined`: SDKs send explicit nulls for unset optional fields. */
const nullish = <C extends t.Mixed>(codec: C) => t.union([codec, t.null, t.undefined]);

/**
 * A union discriminated by `type` that validates a known member with its own codec (so errors
 * name the member's fields) and lets objects of any other `type` through as `fallback`.
 */
function byType<M extends Record<string, t.Mixed>, F extends t.Mixed>(
  name: string,
  members: M,
  fallback: F,
  defaultType?: keyof M & string,
): t.Type<t.TypeOf<M[keyof M]> | t.TypeOf<F>, unknown, unknown> {
  type Out = t.TypeOf<M[keyof M]> | t.TypeOf<F>;
  const pick = (value: unknown): t.Mixed => {
    if (typeof value !== 'object' || value === null) return fallback;
    const tag = (value as { type?: unknown }).type ?? defaultType;
    return typeof tag === 'string' && Object.hasOwn(members, tag) ? members[tag] : fallback;
  };
  return new t.Type<Out, unknown, unknown>(
    name,
    (value): value is Out => pick(value).is(value),
    (value, context) => {
      const codec = pick(value);
      // The chosen member joins the context so path reporting sees the member's own fields.
      return codec.validate(value, t.appendContext(context, '', codec, value)) as t.Validation<Out>;
    },
    (value) => value,
  );
}

const unknownTypedObjectCodec = t.intersection([t.type({ type: t.string }), t.UnknownRecord]);

export const inputTextPartCodec = t.type({ type: t.literal('input_text'), text: t.string });
export const inputImagePartCodec = t.intersection([
  t.type({ type: t.literal('input_image') }),
  t.partial({ image_url: nullish(t.string), file_id: nullish(t.string), detail: nullish(t.string) }),
]);
export const inputFilePartCodec = t.intersection([
  t.type({ type: t.literal('input_file') }),
  t.partial({
    file_data: nullish(t.string),
    file_id: nullish(t.string),
    file_url: nullish(t.string),
    filename: nullish(t.string),
  }),
]);
export const outputTextPartCodec = t.type({ type: t.literal('output_text'), text: t.string });
export const refusalPartCodec = t.type({ type: t.literal('refusal'), refusal: t.string });

export const contentPartCodec = byType(
  'ResponsesContentPart',
  {
    input_text: inputTextPartCodec,
    input_image: inputImagePartCodec,
    input_file: inputFilePartCodec,
    output_text: outputTextPartCodec,
    refusal: refusalPartCodec,
  },
  unknownTypedObjectCodec,
);
export type ResponsesContentPart = t.TypeOf<typeof contentPartCodec>;

export const messageItemCodec = t.intersection([
  t.type({
    role: t.keyof({ user: null, assistant: null, system: null, developer: null }),
    content: t.union([t.string, t.array(contentPartCodec)]),
  }),
  t.partial({ type: t.literal('message'), id: nullish(t.string), status: nullish(t.string) }),
]);
export type ResponsesMessageItem = t.TypeOf<typeof messageItemCodec>;

export const functionCallItemCodec = t.intersection([
  t.type({ type: t.literal('function_call'), call_id: t.string, name: t.string, arguments: t.string }),
  t.partial({ id: nullish(t.string), namespace: nullish(t.string), status: nullish(t.string) }),
]);
export type ResponsesFunctionCallItem = t.TypeOf<typeof functionCallItemCodec>;

export const functionCallOutputItemCodec = t.intersection([
  t.type({
    type: t.literal('function_call_output'),
    call_id: t.string,
    output: t.union([t.string, t.array(contentPartCodec)]),
  }),
  t.partial({ id: nullish(t.string), status: nullish(t.string) }),
]);
export type ResponsesFunctionCallOutputItem = t.TypeOf<typeof functionCallOutputItemCodec>;

export const reasoningItemCodec = t.intersection([
  t.type({
    type: t.literal('reasoning'),
    summary: t.array(t.intersection([t.type({ text: t.string }), t.partial({ type: t.string })])),
  }),
  t.partial({ id: nullish(t.string), encrypted_content: nullish(t.string), content: t.unknown }),
]);
export type ResponsesReasoningItem = t.TypeOf<typeof reasoningItemCodec>;

/** An input item; an item without `type` is a message (the SDK's `EasyInputMessage`). */
export const inputItemCodec = byType(
  'ResponsesInputItem',
  {
    message: messageItemCodec,
    function_call: functionCallItemCodec,
    function_call_output: functionCallOutputItemCodec,
    reasoning: reasoningItemCodec,
  },
  unknownTypedObjectCodec,
  'message',
);
export type ResponsesInputItem = t.TypeOf<typeof inputItemCodec>;

export const functionToolCodec = t.intersection([
  t.type({ type: t.literal('function'), name: t.string }),
  t.partial({
    description: nullish(t.string),
    parameters: nullish(t.UnknownRecord),
    strict: nullish(t.boolean),
  }),
]);
export type ResponsesFunctionTool = t.TypeOf<typeof functionToolCodec>;

/** Codex groups tools in a `namespace`; the model then calls `name` with `namespace` set. */
export const namespaceToolCodec = t.intersection([
  t.type({ type: t.literal('namespace'), name: t.string, tools: t.array(unknownTypedObjectCodec) }),
  t.partial({ description: nullish(t.string) }),
]);
export type ResponsesNamespaceTool = t.TypeOf<typeof namespaceToolCodec>;

export const toolCodec = byType(
  'ResponsesTool',
  { function: functionToolCodec, namespace: namespaceToolCodec },
  unknownTypedObjectCodec,
);
export type ResponsesTool = t.TypeOf<typeof toolCodec>;

export const textFormatCodec = byType(
  'ResponsesTextFormat',
  {
    text: t.type({ type: t.literal('text') }),
    json_object: t.type({ type: t.literal('json_object') }),
    json_schema: t.intersection([
      t.type({ type: t.literal('json_schema'), schema: t.UnknownRecord }),
      t.partial({ name: nullish(t.string), strict: nullish(t.boolean), description: nullish(t.string) }),
    ]),
  },
  unknownTypedObjectCodec,
);

/** The client request. Unknown fields are kept by the decoder (the codec does not strip them). */
export const responsesRequestCodec = t.intersection([
  t.type({ model: t.string }),
  t.partial({
    input: nullish(t.union([t.string, t.array(inputItemCodec)])),
    instructions: nullish(t.string),
    tools: nullish(t.array(toolCodec)),
    tool_choice: nullish(t.union([t.string, unknownTypedObjectCodec])),
    parallel_tool_calls: nullish(t.boolean),
    reasoning: nullish(t.partial({ effort: nullish(t.string), summary: nullish(t.string) })),
    text: nullish(t.partial({ format: nullish(textFormatCodec), verbosity: nullish(t.string) })),
    max_output_tokens: nullish(t.number),
    temperature: nullish(t.number),
    top_p: nullish(t.number),
    store: nullish(t.boolean),
    previous_response_id: nullish(t.string),
    metadata: nullish(t.record(t.string, t.unknown)),
    include: nullish(t.array(t.string)),
    prompt_cache_key: nullish(t.string),
    client_metadata: nullish(t.unknown),
    stream: nullish(t.boolean),
    user: nullish(t.string),
  }),
]);
export type ResponsesRequest = t.TypeOf<typeof responsesRequestCodec> & Readonly<Record<string, unknown>>;

/** Lenient: the usage object of a response. */
export const responsesUsageCodec = t.partial({
  input_tokens: nullish(t.number),
  input_tokens_details: nullish(t.partial({ cached_tokens: nullish(t.number) })),
  output_tokens: nullish(t.number),
  output_tokens_details: nullish(t.partial({ reasoning_tokens: nullish(t.number) })),
  total_tokens: nullish(t.number),
});
export type ResponsesUsage = t.TypeOf<typeof responsesUsageCodec>;

/** Lenient: an error object, as nested in `error` events, `response.failed` and HTTP bodies. */
export const responsesErrorObjectCodec = t.partial({
  type: nullish(t.string),
  code: nullish(t.union([t.string, t.number])),
  message: nullish(t.string),
  param: nullish(t.string),
});
export type ResponsesErrorObject = t.TypeOf<typeof responsesErrorObjectCodec>;

/** Lenient: an output item; only `type` is required, the rest is read per type. */
export const responsesOutputItemCodec = t.intersection([
  t.type({ type: t.string }),
  t.partial({
    id: nullish(t.string),
    status: nullish(t.string),
    content: nullish(t.array(t.intersection([t.type({ type: t.string }), t.UnknownRecord]))),
    summary: nullish(t.array(t.partial({ text: nullish(t.string) }))),
    encrypted_content: nullish(t.string),
    call_id: nullish(t.string),
    name: nullish(t.string),
    namespace: nullish(t.string),
    arguments: nullish(t.string),
  }),
]);
export type ResponsesOutputItem = t.TypeOf<typeof responsesOutputItemCodec>;

/** Lenient: a response object (non-stream body, or the `response` of lifecycle events). */
export const responsesResponseCodec = t.partial({
  id: nullish(t.string),
  created_at: nullish(t.number),
  model: nullish(t.string),
  status: nullish(t.string),
  error: nullish(responsesErrorObjectCodec),
  incomplete_details: nullish(t.partial({ reason: nullish(t.string) })),
  output: nullish(t.array(responsesOutputItemCodec)),
  usage: nullish(responsesUsageCodec),
});
export type ResponsesResponse = t.TypeOf<typeof responsesResponseCodec>;

/** Lenient: one stream event. Fields are read per `type` by the stream decoder. */
export const responsesStreamEventCodec = t.intersection([
  t.type({ type: t.string }),
  t.partial({
    sequence_number: nullish(t.number),
    output_index: nullish(t.number),
    content_index: nullish(t.number),
    summary_index: nullish(t.number),
    item_id: nullish(t.string),
    delta: nullish(t.string),
    text: nullish(t.string),
    arguments: nullish(t.string),
    item: nullish(responsesOutputItemCodec),
    response: nullish(responsesResponseCodec),
    code: nullish(t.union([t.string, t.number])),
    message: nullish(t.string),
    param: nullish(t.string),
    error: nullish(responsesErrorObjectCodec),
  }),
]);
export type ResponsesStreamEvent = t.TypeOf<typeof responsesStreamEventCodec>;
