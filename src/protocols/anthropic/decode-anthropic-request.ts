import { isLeft } from 'fp-ts/lib/Either.js';
import { GatewayError } from '../../errors/index.js';
import type { TranslationWarning } from '../../streams/canonical-chunk.js';
import type {
  CanonicalMessage,
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalTool,
  CanonicalToolChoice,
} from '../../streams/canonical-request.js';
import { decodeAssistantBlocks, decodeTextBlock, decodeUserBlocks } from './decode-anthropic-content.js';
import { formatValidationPath } from './anthropic-wire-helpers.js';
import { anthropicKnownRequestFields, anthropicRequestCodec, type AnthropicMessage, type AnthropicRequest } from './anthropic-wire.js';

type Warn = (warning: TranslationWarning) => void;

function decodeSystem(system: AnthropicRequest['system']): CanonicalMessage[] {
  if (system === undefined || system === null) return [];
  if (typeof system === 'string') return system === '' ? [] : [{ role: 'system', content: system }];
  return system.map((block) => {
    const part = decodeTextBlock(block);
    return { role: 'system', content: part.text, ...(part.providerMetadata === undefined ? {} : { providerMetadata: part.providerMetadata }) };
  });
}

function decodeMessage(message: AnthropicMessage, warn: Warn): CanonicalMessage[] {
  const content = message.content;
  if (message.role === 'system') {
    const text = typeof content === 'string' ? content : content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
    return [{ role: 'system', content: text }];
  }
  if (message.role === 'assistant') {
    const parts = typeof content === 'string' ? [{ type: 'text' as const, text: content }] : decodeAssistantBlocks(content, warn);
    return [{ role: 'assistant', content: parts }];
  }
  if (typeof content === 'string') return [{ role: 'user', content: [{ type: 'text', text: content }] }];
  // Tool results answer the previous assistant turn, so they become a `tool` message placed
  // before whatever else the user wrote in the same turn.
  const { toolResults, parts } = decodeUserBlocks(content, warn);
  const messages: CanonicalMessage[] = [];
  if (toolResults.length > 0) messages.push({ role: 'tool', content: toolResults });
  if (parts.length > 0 || toolResults.length === 0) messages.push({ role: 'user', content: parts });
  return messages;
}

function decodeTools(tools: AnthropicRequest['tools']): { tools: CanonicalTool[]; serverTools: unknown[] } {
  const custom: CanonicalTool[] = [];
  const serverTools: unknown[] = [];
  for (const tool of tools ?? []) {
    if ('input_schema' in tool && (tool.type === undefined || tool.type === 'custom')) {
      custom.push({
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.input_schema,
        ...(typeof tool.strict === 'boolean' ? { strict: tool.strict } : {}),
      });
    } else {
      // Server tools (web search, code execution, bash...) only an Anthropic upstream can run.
      serverTools.push(tool);
    }
  }
  return { tools: custom, serverTools };
}

function decodeToolChoice(choice: AnthropicRequest['tool_choice']): CanonicalToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  switch (choice.type) {
    case 'auto':
      return { type: 'auto' };
    case 'none':
      return { type: 'none' };
    case 'any':
      return { type: 'required' };
    case 'tool':
      if (!choice.name) throw invalid('tool_choice.name', 'tool_choice.name: required when type is "tool"');
      return { type: 'tool', name: choice.name };
    default: {
      const exhaustive: never = choice.type;
      return exhaustive;
    }
  }
}

function decodeReasoning(wire: AnthropicRequest): CanonicalReasoning | undefined {
  const thinking = wire.thinking ?? undefined;
  const effort = wire.output_config?.effort ?? undefined;
  if (thinking?.type === 'disabled') return { effort: 'none', includeThoughts: false };
  const includeThoughts = thinking === undefined ? undefined : thinking.display !== 'omitted';
  const budgetTokens = thinking?.type === 'enabled' ? thinking.budget_tokens : undefined;
  if (thinking === undefined && effort === undefined) return undefined;
  return {
    ...{},
    ...(effort === undefined ? {} : { effort }),
    ...(budgetTokens === undefined ? {} : { budgetTokens }),
    ...(includeThoughts === undefined ? {} : { includeThoughts }),
  };
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError('GW_ERR_INVALID_REQUEST', message, { info: { param } });
}

function providerOptions(wire: AnthropicRequest, serverTools: unknown[]): Record<string, unknown> {
  const extraBody: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wire)) if (!anthropicKnownRequestFields.has(key)) extraBody[key] = value;
  const options: Record<string, unknown> = {};
  if (Object.keys(extraBody).length > 0) options['extraBody'] = extraBody;
  if (serverTools.length > 0) options['serverTools'] = serverTools;
  if (wire.thinking?.type === 'adaptive') options['thinkingType'] = 'adaptive';
  if (wire.thinking?.display) options['thinkingDisplay'] = wire.thinking.display;
  return options;
}

/**
 * Decodes a client's Anthropic Messages request into a canonical request.
 *
 * `system` becomes leading system message(s); `tool_result` blocks become a `tool` message before
 * the rest of their user turn; thinking blocks keep their `signature` (redacted ones their
 * `data`) in `providerMetadata.anthropic`; `thinking.budget_tokens` → `reasoning.budgetTokens`,
 * `thinking.disabled` → effort `none`, `output_config.effort` → `reasoning.effort`. Server tools,
 * `thinking.display`/`adaptive` and unknown top-level fields (`context_management`,
 * `service_tier`, ...) go to `providerOptions.anthropic` so an Anthropic upstream gets them back.
 *
 * @throws GatewayError `GW_ERR_INVALID_REQUEST` with `info.param` = the failing field path.
 * @example
 * decodeAnthropicRequest({ model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
 * // { value: { model: 'claude-x', maxOutputTokens: 100, messages: [...], stream: false }, warnings: [] }
 * @see https://platform.claude.com/docs/en/api/messages
 */
export function decodeAnthropicRequest(input: unknown): { value: CanonicalRequest; warnings: TranslationWarning[] } {
  const decoded = anthropicRequestCodec.decode(input);
  if (isLeft(decoded)) {
    const { path, message } = formatValidationPath(decoded.left);
    throw invalid(path, message);
  }
  const wire = decoded.right;
  const warnings: TranslationWarning[] = [];
  const warn: Warn = (warning) => warnings.push(warning);
  const messages = [...decodeSystem(wire.system), ...wire.messages.flatMap((message) => decodeMessage(message, warn))];
  const { tools, serverTools } = decodeTools(wire.tools);
  const toolChoice = decodeToolChoice(wire.tool_choice);
  const reasoning = decodeReasoning(wire);
  const anthropic = providerOptions(wire, serverTools);
  const format = wire.output_config?.format;
  const userId = wire.metadata?.user_id ?? undefined;
  const value: CanonicalRequest = {
    model: wire.model,
    messages,
    stream: wire.stream === true,
    maxOutputTokens: wire.max_tokens,
    ...(tools.length > 0 ? { tools } : {}),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(wire.tool_choice?.disable_parallel_tool_use === true ? { parallelToolCalls: false } : {}),
    ...(typeof wire.temperature === 'number' ? { temperature: wire.temperature } : {}),
    ...(typeof wire.top_p === 'number' ? { topP: wire.top_p } : {}),
    ...(typeof wire.top_k === 'number' ? { topK: wire.top_k } : {}),
    ...(wire.stop_sequences ? { stopSequences: wire.stop_sequences } : {}),
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(format?.type === 'json_schema' && format.schema ? { responseFormat: { type: 'json_schema', schema: format.schema } } : {}),
    ...(userId ? { user: userId, metadata: { user_id: userId } } : {}),
    ...(Object.keys(anthropic).length > 0 ? { providerOptions: { anthropic } } : {}),
  };
  return { value, warnings };
}
