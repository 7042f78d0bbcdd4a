import { isLeft } from 'fp-ts/lib/Either.js';
import { GatewayError } from '../../errors/index.js';
import type { TranslationWarning } from '../../streams/canonical-chunk.js';
import type {
  CanonicalMessage,
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalResponseFormat,
  ReasoningEffort,
} from '../../streams/canonical-request.js';
import { decodeOpenAIResponsesInput } from './decode-openai-responses-input.js';
import { decodeOpenAIResponsesToolChoice, decodeOpenAIResponsesTools } from './decode-openai-responses-tools.js';
import { formatOpenAIResponsesValidationPath } from './format-openai-responses-validation-path.js';
import { OPENAI_RESPONSES_KEY, type OpenAIResponsesProviderOptions } from './openai-responses-provider-options.js';
import { responsesRequestCodec, type ResponsesRequest } from './openai-responses-wire.js';

const knownFields = new Set([
  'model', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'reasoning', 'text',
  'max_output_tokens', 'temperature', 'top_p', 'store', 'previous_response_id', 'metadata', 'include',
  'prompt_cache_key', 'client_metadata', 'stream', 'user',
]);
const efforts = new Set<string>(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);

export interface DecodeOpenAIResponsesRequestOptions {
  /**
   * Canonical messages stored for `previous_response_id`; they go after the new `instructions`
   * and before the new input. Their own instructions are dropped: in the Responses API,
   * instructions do not carry over from a previous response.
   */
  readonly history?: readonly CanonicalMessage[];
}

/**
 * Decodes a client's Responses request into a {@link CanonicalRequest}.
 *
 * `instructions` becomes the first system message (marked so an OpenAI upstream gets it back as
 * `instructions`); `developer` items become system messages with `developer: true`; Responses-only
 * fields go to `providerOptions['openai-responses']`. A schema violation throws
 * `GW_ERR_INVALID_REQUEST` whose `info.param` names the field path.
 *
 * @param body the parsed JSON body
 * @example
 * decodeOpenAIResponsesRequest({ model: 'gpt-5', instructions: 'Be brief', input: 'Hi' }).value.messages;
 * // [{ role: 'system', content: 'Be brief', providerMetadata: {...} }, { role: 'user', content: [{ type: 'text', text: 'Hi' }] }]
 */
export function decodeOpenAIResponsesRequest(
  body: unknown,
  options: DecodeOpenAIResponsesRequestOptions = {},
): { value: CanonicalRequest; warnings: TranslationWarning[] } {
  const decoded = responsesRequestCodec.decode(body);
  if (isLeft(decoded)) {
    const param = formatOpenAIResponsesValidationPath(decoded.left);
    throw new GatewayError('GW_ERR_INVALID_REQUEST', param === '' ? 'Invalid request body' : `Invalid value for '${param}'`, {
      info: { param },
    });
  }
  const wire = decoded.right as ResponsesRequest;
  const warnings: TranslationWarning[] = [];
  const providerOptions: Record<string, unknown> = {};

  const toolNames = new Map<string, string>();
  const history = (options.history ?? []).filter((message) => !isInstructions(message));
  for (const message of history) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content) if (part.type === 'tool-call') toolNames.set(part.toolCallId, part.toolName);
  }
  const messages: CanonicalMessage[] = [];
  if (wire.instructions != null && wire.instructions !== '') {
    messages.push({ role: 'system', content: wire.instructions, providerMetadata: { [OPENAI_RESPONSES_KEY]: { instructions: true } } });
  }
  messages.push(...history, ...decodeOpenAIResponsesInput(wire.input ?? [], warnings, toolNames));

  const tools = wire.tools == null ? undefined : decodeOpenAIResponsesTools(wire.tools, warnings);
  if (tools !== undefined && tools.extraTools.length > 0) providerOptions.extraTools = tools.extraTools;
  if (tools !== undefined && Object.keys(tools.toolNamespaces).length > 0) {
    providerOptions.toolNamespaces = tools.toolNamespaces;
    providerOptions.namespaceDescriptions = tools.namespaceDescriptions;
  }
  const toolChoice = wire.tool_choice == null ? undefined : decodeOpenAIResponsesToolChoice(wire.tool_choice);
  if (wire.tool_choice != null && toolChoice === undefined) providerOptions.toolChoice = wire.tool_choice;

  const reasoning = decodeReasoning(wire, warnings, providerOptions);
  const responseFormat = decodeResponseFormat(wire);
  if (wire.text?.verbosity != null) providerOptions.textVerbosity = wire.text.verbosity;
  copyResponsesOnlyFields(wire, body as Readonly<Record<string, unknown>>, providerOptions);

  const metadata = stringRecord(wire.metadata);
  const value: CanonicalRequest = {
    model: wire.model,
    messages,
    stream: wire.stream === true,
    ...(tools === undefined ? {} : { tools: tools.tools }),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(wire.parallel_tool_calls == null ? {} : { parallelToolCalls: wire.parallel_tool_calls }),
    ...(wire.max_output_tokens == null ? {} : { maxOutputTokens: wire.max_output_tokens }),
    ...(wire.temperature == null ? {} : { temperature: wire.temperature }),
    ...(wire.top_p == null ? {} : { topP: wire.top_p }),
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(responseFormat === undefined ? {} : { responseFormat }),
    ...(wire.user == null ? {} : { user: wire.user }),
    ...(metadata === undefined ? {} : { metadata }),
    ...(Object.keys(providerOptions).length === 0 ? {} : { providerOptions: { [OPENAI_RESPONSES_KEY]: providerOptions } }),
  };
  return { value, warnings };
}

function isInstructions(message: CanonicalMessage): boolean {
  return message.role === 'system' && message.providerMetadata?.[OPENAI_RESPONSES_KEY]?.instructions === true;
}

function decodeReasoning(
  wire: ResponsesRequest,
  warnings: TranslationWarning[],
  providerOptions: Record<string, unknown>,
): CanonicalReasoning | undefined {
  if (wire.reasoning == null) return undefined;
  const { effort, summary } = wire.reasoning;
  if (summary != null) providerOptions.reasoningSummary = summary;
  if (effort != null && !efforts.has(effort)) warnings.push({ kind: 'unsupported', message: `reasoning.effort '${effort}' is unknown and was dropped` });
  const reasoning: CanonicalReasoning = {
    ...{},
    ...(effort != null && efforts.has(effort) ? { effort: effort as ReasoningEffort } : {}),
    ...(summary == null ? {} : { includeThoughts: summary !== 'none' }),
  };
  return Object.keys(reasoning).length === 0 ? undefined : reasoning;
}

function decodeResponseFormat(wire: ResponsesRequest): CanonicalResponseFormat | undefined {
  const format = wire.text?.format;
  if (format == null) return undefined;
  if (format.type === 'text' || format.type === 'json_object') return { type: format.type };
  if (format.type !== 'json_schema') return undefined;
  const schema = format as { schema: Record<string, unknown>; name?: string | null; strict?: boolean | null };
  return {
    type: 'json_schema',
    schema: schema.schema,
    ...(schema.name == null ? {} : { name: schema.name }),
    ...(schema.strict == null ? {} : { strict: schema.strict }),
  };
}

function copyResponsesOnlyFields(
  wire: ResponsesRequest,
  body: Readonly<Record<string, unknown>>,
  providerOptions: Record<string, unknown>,
): void {
  const fields: Partial<Record<keyof OpenAIResponsesProviderOptions, unknown>> = {
    store: wire.store,
    include: wire.include,
    promptCacheKey: wire.prompt_cache_key,
    clientMetadata: wire.client_metadata,
    previousResponseId: wire.previous_response_id,
    metadata: wire.metadata,
  };
  for (const [key, value] of Object.entries(fields)) if (value != null) providerOptions[key] = value;
  const extraFields: Record<string, unknown> = {};
  // Read from the raw body: io-ts intersections are not guaranteed to keep undeclared keys.
  for (const [key, value] of Object.entries(body)) if (!knownFields.has(key)) extraFields[key] = value;
  if (Object.keys(extraFields).length > 0) providerOptions.extraFields = extraFields;
}

function stringRecord(record: Readonly<Record<string, unknown>> | null | undefined): Record<string, string> | undefined {
  if (record == null) return undefined;
  const entries = Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
