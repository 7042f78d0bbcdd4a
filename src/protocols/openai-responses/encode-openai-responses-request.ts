import type {
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
  CanonicalToolChoice,
} from '../../streams/canonical-request.js';
import { encodeOpenAIResponsesInput } from './encode-openai-responses-input.js';
import { readOpenAIResponsesProviderOptions, type OpenAIResponsesProviderOptions } from './openai-responses-provider-options.js';

export interface EncodeOpenAIResponsesRequestOptions {
  /** The upstream model id (the canonical `model` may be a route or `backend:model`). */
  readonly model?: string;
  /** Defaults to `true`: upstream calls stream regardless of what the client asked. */
  readonly stream?: boolean;
}

/**
 * Encodes a canonical request as a Responses body for an OpenAI upstream.
 *
 * Fields the client sent in Responses form (`store`, `include`, `prompt_cache_key`, hosted
 * tools, namespaces, unknown fields) come back from `providerOptions['openai-responses']`.
 * `previous_response_id` is never sent: the gateway prepends the stored history itself.
 * Function tools get `strict: false` unless the request says otherwise, because the Responses
 * API defaults `strict` to true and would reject ordinary schemas from other protocols.
 *
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @example
 * encodeOpenAIResponsesRequest({ model: 'gpt-5', messages: [], stream: false });
 * // { model: 'gpt-5', input: [], stream: true }
 */
export function encodeOpenAIResponsesRequest(
  request: CanonicalRequest,
  options: EncodeOpenAIResponsesRequestOptions = {},
): Record<string, unknown> {
  const extra = readOpenAIResponsesProviderOptions(request);
  const toolNamespaces = extra.toolNamespaces ?? {};
  const { instructions, input } = encodeOpenAIResponsesInput(request.messages, toolNamespaces);
  const tools = [...encodeTools(request.tools ?? [], extra), ...(extra.extraTools ?? [])];
  const toolChoice = request.toolChoice === undefined ? extra.toolChoice : encodeToolChoice(request.toolChoice);
  const reasoning = {
    ...{},
    ...(request.reasoning?.effort === undefined ? {} : { effort: request.reasoning.effort }),
    ...(extra.reasoningSummary !== undefined
      ? { summary: extra.reasoningSummary }
      : request.reasoning?.includeThoughts === true
        ? { summary: 'auto' }
        : {}),
  };
  const text = {
    ...{},
    ...(request.responseFormat === undefined ? {} : { format: encodeFormat(request.responseFormat) }),
    ...(extra.textVerbosity === undefined ? {} : { verbosity: extra.textVerbosity }),
  };
  const metadata = extra.metadata ?? request.metadata;
  const optional: Record<string, unknown> = {
    instructions,
    tools: tools.length === 0 ? undefined : tools,
    tool_choice: toolChoice,
    parallel_tool_calls: request.parallelToolCalls,
    reasoning: Object.keys(reasoning).length === 0 ? undefined : reasoning,
    text: Object.keys(text).length === 0 ? undefined : text,
    max_output_tokens: request.maxOutputTokens,
    temperature: request.temperature,
    top_p: request.topP,
    store: extra.store,
    include: extra.include,
    prompt_cache_key: extra.promptCacheKey,
    client_metadata: extra.clientMetadata,
    metadata,
    user: request.user,
  };
  const body: Record<string, unknown> = { ...{}, ...extra.extraFields, model: options.model ?? request.model, input };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) body[key] = value;
  body.stream = options.stream ?? true;
  return body;
}

function encodeFunctionTool(tool: CanonicalTool): Record<string, unknown> {
  return {
    type: 'function',
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    parameters: tool.parameters,
    strict: tool.strict ?? false,
  };
}

/** Functions flattened out of a `namespace` go back into it, in the order the namespace first appears. */
function encodeTools(tools: readonly CanonicalTool[], extra: OpenAIResponsesProviderOptions): Record<string, unknown>[] {
  const namespaces = new Map<string, Record<string, unknown>[]>();
  const result: Record<string, unknown>[] = [];
  for (const tool of tools) {
    const namespace = extra.toolNamespaces?.[tool.name];
    if (namespace === undefined) {
      result.push(encodeFunctionTool(tool));
      continue;
    }
    let members = namespaces.get(namespace);
    if (members === undefined) {
      members = [];
      namespaces.set(namespace, members);
      result.push({ type: 'namespace', name: namespace, description: extra.namespaceDescriptions?.[namespace] ?? '', tools: members });
    }
    members.push(encodeFunctionTool(tool));
  }
  return result;
}

function encodeToolChoice(choice: CanonicalToolChoice): unknown {
  return choice.type === 'tool' ? { type: 'function', name: choice.name } : choice.type;
}

function encodeFormat(format: CanonicalResponseFormat): Record<string, unknown> {
  if (format.type !== 'json_schema') return { type: format.type };
  return {
    type: 'json_schema',
    name: format.name ?? 'response',
    schema: format.schema,
    ...(format.strict === undefined ? {} : { strict: format.strict }),
  };
}
