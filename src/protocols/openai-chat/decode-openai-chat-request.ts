import { isLeft, right } from 'fp-ts/lib/Either.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { TranslationWarning } from '../../streams/canonical-chunk.js';
import type {
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
  CanonicalToolChoice,
  ReasoningEffort,
} from '../../streams/canonical-request.js';
import { decodeOpenAIChatMessages } from './decode-openai-chat-messages.js';
import { formatOpenAIChatValidationError } from './format-openai-chat-validation-error.js';
import { isRecord } from './openai-chat-codec-helpers.js';
import {
  pickExtraFields,
  withoutUndefined,
  type OpenAIChatRequestOptions,
} from './openai-chat-provider-options.js';
import {
  knownOpenAIChatRequestFields,
  openAIChatRequestCodec,
  type OpenAIChatFunctionDefinition,
  type OpenAIChatRequest,
} from './openai-chat-wire.js';

const reasoningEfforts: ReadonlySet<string> = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);
const emptyObjectSchema = { type: 'object', properties: {} } as const;

function toTool(definition: OpenAIChatFunctionDefinition): CanonicalTool {
  return withoutUndefined({
    name: definition.name,
    description: definition.description ?? undefined,
    parameters: definition.parameters ?? emptyObjectSchema,
    strict: definition.strict ?? undefined,
  });
}

function decodeTools(request: OpenAIChatRequest) {
  const tools: CanonicalTool[] = [];
  const extraTools: unknown[] = [];
  for (const tool of request.tools ?? []) {
    if (tool.type === 'function' && isRecord(tool.function)) tools.push(toTool(tool.function as OpenAIChatFunctionDefinition));
    else extraTools.push(tool);
  }
  // Legacy `functions` are the same definitions under an older name.
  for (const definition of request.functions ?? []) tools.push(toTool(definition));
  return { tools: tools.length > 0 ? tools : undefined, extraTools: extraTools.length > 0 ? extraTools : undefined };
}

function decodeToolChoice(request: OpenAIChatRequest): { toolChoice?: CanonicalToolChoice; unmapped?: unknown } {
  const choice = request.tool_choice ?? request.function_call ?? undefined;
  if (choice === undefined) return {};
  if (typeof choice === 'string') return { toolChoice: { type: choice } };
  if ('function' in choice && isRecord(choice.function) && typeof choice.function.name === 'string') {
    return { toolChoice: { type: 'tool', name: choice.function.name } };
  }
  if ('name' in choice && typeof choice.name === 'string') return { toolChoice: { type: 'tool', name: choice.name } };
  // allowed_tools / custom choices have no canonical form; pass them through as sent.
  return { unmapped: choice };
}

function decodeResponseFormat(request: OpenAIChatRequest): { format?: CanonicalResponseFormat; description?: string } {
  const format = request.response_format ?? undefined;
  if (format === undefined) return {};
  if (format.type !== 'json_schema') return { format: { type: format.type } };
  const schema = format.json_schema;
  return {
    format: withoutUndefined({
      type: 'json_schema' as const,
      name: schema.name,
      schema: schema.schema ?? {},
      strict: schema.strict ?? undefined,
    }),
    description: schema.description ?? undefined,
  };
}

function decodeOutputLimit(request: OpenAIChatRequest, extraBody: Record<string, unknown>) {
  const completion = request.max_completion_tokens ?? undefined;
  const legacy = request.max_tokens ?? undefined;
  if (completion !== undefined && legacy !== undefined && legacy !== completion) extraBody.max_tokens = legacy;
  const field = completion === undefined && legacy !== undefined ? ('max_tokens' as const) : undefined;
  return { maxOutputTokens: completion ?? legacy, maxTokensField: field };
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value !== undefined && Object.keys(value).length > 0 ? value : undefined;
}

/**
 * Decodes a client's Chat Completions request body into a {@link CanonicalRequest}.
 *
 * Fields without a canonical home (unknown top-level fields, `n`, non-function tools, other
 * `stream_options`…) go to `providerOptions.openai`, and unknown per-message fields to each
 * message's `providerMetadata.openai`, so an OpenAI-compatible upstream receives them unchanged.
 *
 * @throws GatewayError `GW_ERR_INVALID_REQUEST` naming the field path (`info.param`) on a schema violation.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @example
 * decodeOpenAIChatRequest({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 5 }).value;
 * // { model: 'gpt-4.1', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
 * //   maxOutputTokens: 5, stream: false, providerOptions: { openai: { maxTokensField: 'max_tokens' } } }
 */
export function decodeOpenAIChatRequest(body: unknown): { value: CanonicalRequest; warnings: TranslationWarning[] } {
  // `is` allocates nothing and agrees with `decode`, which gives a valid body back as it is (no
  // codec in this tree transforms; a property test holds both): a valid request skips the error
  // bookkeeping `decode` does, ~3 µs and ~25 KB of garbage a request.
  const result = openAIChatRequestCodec.is(body) ? right(body) : openAIChatRequestCodec.decode(body);
  if (isLeft(result)) {
    const problem = formatOpenAIChatValidationError(result.left);
    throw new GatewayError('GW_ERR_INVALID_REQUEST', `Invalid request: ${problem.message}`, {
      info: { param: problem.path },
    });
  }
  const request = result.right;
  const raw = body as Record<string, unknown>;
  const extraBody: Record<string, unknown> = pickExtraFields(raw, knownOpenAIChatRequestFields) ?? {};
  const { messages, warnings } = decodeOpenAIChatMessages(request.messages, raw.messages as unknown[]);
  const { tools, extraTools } = decodeTools(request);
  const { toolChoice, unmapped } = decodeToolChoice(request);
  if (unmapped !== undefined) extraBody.tool_choice = unmapped;
  const { format, description } = decodeResponseFormat(request);
  const { maxOutputTokens, maxTokensField } = decodeOutputLimit(request, extraBody);
  const effort = request.reasoning_effort ?? undefined;
  if (effort !== undefined && !reasoningEfforts.has(effort)) extraBody.reasoning_effort = effort;
  const streamOptions = request.stream_options ?? undefined;
  const extraStreamOptions = streamOptions === undefined ? undefined : pickExtraFields(streamOptions, new Set(['include_usage']));
  if (request.functions != null || request.function_call != null) {
    warnings.push({ kind: 'compatibility', message: 'legacy `functions` / `function_call` were converted to tools' });
  }
  if (typeof request.n === 'number' && request.n > 1) {
    warnings.push({ kind: 'unsupported', message: '`n` > 1: only the first choice is streamed back' });
  }
  const openai: OpenAIChatRequestOptions = withoutUndefined({
    extraBody: nonEmpty(extraBody),
    extraTools,
    extraStreamOptions,
    maxTokensField,
    responseFormatDescription: description,
  });
  const stop = request.stop ?? undefined;
  const value: CanonicalRequest = withoutUndefined({
    model: request.model,
    messages,
    tools,
    toolChoice,
    parallelToolCalls: request.parallel_tool_calls ?? undefined,
    maxOutputTokens,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    stopSequences: stop === undefined || stop.length === 0 ? undefined : typeof stop === 'string' ? [stop] : stop,
    seed: request.seed ?? undefined,
    reasoning: effort !== undefined && reasoningEfforts.has(effort) ? { effort: effort as ReasoningEffort } : undefined,
    responseFormat: format,
    stream: request.stream === true,
    includeUsage: streamOptions?.include_usage ?? undefined,
    user: request.user ?? undefined,
    metadata: request.metadata ?? undefined,
    providerOptions: nonEmpty(openai) === undefined ? undefined : { openai },
  });
  return { value, warnings: dedupeWarnings(warnings) };
}

function dedupeWarnings(warnings: readonly TranslationWarning[]): TranslationWarning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => !seen.has(warning.message) && seen.add(warning.message) !== undefined);
}
