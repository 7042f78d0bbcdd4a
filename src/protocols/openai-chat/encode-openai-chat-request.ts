import type {
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
  CanonicalToolChoice,
} from '../../streams/canonical-request.js';
import { encodeOpenAIChatMessages } from './encode-openai-chat-messages.js';
import { readOpenAIChatRequestOptions, withoutUndefined } from './openai-chat-provider-options.js';

export interface EncodeOpenAIChatRequestOptions {
  /** The upstream model name, without any `backend:` prefix. */
  readonly model: string;
  /** Stream upstream; then `stream_options.include_usage` is always on (D.9). */
  readonly stream: boolean;
  /** Forces the output-limit field (a backend that only knows `max_tokens`); else the client's, else `max_completion_tokens`. */
  readonly maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

function encodeTool(tool: CanonicalTool): Record<string, unknown> {
  return {
    type: 'function',
    function: withoutUndefined({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
      strict: tool.strict,
    }),
  };
}

function encodeToolChoice(choice: CanonicalToolChoice | undefined): unknown {
  if (choice === undefined) return undefined;
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}

function encodeResponseFormat(format: CanonicalResponseFormat | undefined, description: string | undefined): unknown {
  if (format === undefined) return undefined;
  if (format.type !== 'json_schema') return { type: format.type };
  return {
    type: 'json_schema',
    json_schema: withoutUndefined({ name: format.name ?? 'response', description, schema: format.schema, strict: format.strict }),
  };
}

/** An explicit thinking budget (Anthropic/Gemini clients) becomes the nearest effort (LiteLLM's defaults). */
function encodeReasoningEffort(reasoning: CanonicalReasoning | undefined): string | undefined {
  if (reasoning?.effort !== undefined) return reasoning.effort;
  const budget = reasoning?.budgetTokens;
  if (budget === undefined || budget <= 0) return undefined;
  return budget <= 1024 ? 'low' : budget <= 2048 ? 'medium' : 'high';
}

/**
 * Renders a canonical request as the body for an OpenAI-compatible upstream.
 *
 * Fields the decoder kept in `providerOptions.openai` (unknown top-level fields, non-function
 * tools, extra `stream_options`) and per-message extras are restored, so an OpenAI client's request
 * reaches an OpenAI upstream unchanged. Reasoning with another provider's signature is dropped.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @example
 * encodeOpenAIChatRequest(request, { model: 'gpt-4.1', stream: true });
 * // { model: 'gpt-4.1', messages: […], stream: true, stream_options: { include_usage: true } }
 */
export function encodeOpenAIChatRequest(
  request: CanonicalRequest,
  options: EncodeOpenAIChatRequestOptions,
): Record<string, unknown> {
  const openai = readOpenAIChatRequestOptions(request.providerOptions);
  const tools = [...(request.tools ?? []).map(encodeTool), ...(openai.extraTools ?? [])];
  const maxTokensField = options.maxTokensField ?? openai.maxTokensField ?? 'max_completion_tokens';
  return withoutUndefined({
    ...{},
    ...openai.extraBody,
    model: options.model,
    messages: encodeOpenAIChatMessages(request.messages),
    tools: tools.length > 0 ? tools : undefined,
    tool_choice: encodeToolChoice(request.toolChoice) ?? openai.extraBody?.tool_choice,
    parallel_tool_calls: request.parallelToolCalls,
    [maxTokensField]: request.maxOutputTokens ?? openai.extraBody?.[maxTokensField],
    temperature: request.temperature,
    top_p: request.topP,
    stop: request.stopSequences === undefined || request.stopSequences.length === 0 ? undefined : [...request.stopSequences],
    seed: request.seed,
    reasoning_effort: encodeReasoningEffort(request.reasoning) ?? openai.extraBody?.reasoning_effort,
    response_format: encodeResponseFormat(request.responseFormat, openai.responseFormatDescription),
    user: request.user,
    metadata: request.metadata,
    stream: options.stream ? true : undefined,
    // Always ask for usage upstream; the client encoder drops the usage chunk unless asked (D.9).
    stream_options: options.stream ? { ...{}, ...openai.extraStreamOptions, include_usage: true } : undefined,
  });
}
