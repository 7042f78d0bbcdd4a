import type { CanonicalRequest, CanonicalTool } from '../../streams/canonical-request.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { allowsAnthropicThinking, planAnthropicThinking } from './map-anthropic-reasoning.js';

export interface EncodeAnthropicRequestOptions {
  /** The upstream model id (the client's `backend:model` already resolved). */
  readonly model: string;
  readonly stream: boolean;
  /** The `anthropic-version` the upstream is called with; from `2026-10-21` sampling parameters are gone. */
  readonly anthropicVersion: string;
  /** `max_tokens` when the request has no `maxOutputTokens` (Anthropic requires one). */
  readonly defaultMaxTokens: number;
}

/** The first API version that rejects `temperature`, `top_p` and `top_k` (PROTOCOLS A.5, D.18). */
const samplingRemovedVersion = '2026-10-21';
const effortValues = new Set(['low', 'medium', 'high', 'xhigh', 'max']);

function encodeTool(tool: CanonicalTool): Record<string, unknown> {
  return {
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    input_schema: { type: 'object', ...tool.parameters },
    ...(tool.strict === undefined ? {} : { strict: tool.strict }),
  };
}

function encodeToolChoice(request: CanonicalRequest): Record<string, unknown> | undefined {
  const disableParallel = request.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  switch (request.toolChoice?.type) {
    case undefined:
      return request.parallelToolCalls === false ? { type: 'auto', ...disableParallel } : undefined;
    case 'auto':
      return { type: 'auto', ...disableParallel };
    case 'none':
      return { type: 'none' };
    case 'required':
      return { type: 'any', ...disableParallel };
    case 'tool':
      return { type: 'tool', name: request.toolChoice.name, ...disableParallel };
    default: {
      const exhaustive: never = request.toolChoice;
      return exhaustive;
    }
  }
}

function anthropicOption(request: CanonicalRequest, key: string): unknown {
  return request.providerOptions?.['anthropic']?.[key];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `thinking`, `max_tokens` and `output_config` together, since each constrains the others. */
function encodeThinking(request: CanonicalRequest, maxTokens: number, thinkingAllowed: boolean): Record<string, unknown> {
  const display = anthropicOption(request, 'thinkingDisplay');
  const withDisplay = typeof display === 'string' ? { display } : {};
  const effort = request.reasoning?.effort;
  const outputConfig: Record<string, unknown> = {};
  if (request.responseFormat?.type === 'json_schema') outputConfig['format'] = { type: 'json_schema', schema: request.responseFormat.schema };
  const forcesTool = request.toolChoice?.type === 'required' || request.toolChoice?.type === 'tool';
  const adaptive = anthropicOption(request, 'thinkingType') === 'adaptive' && effort !== 'none' && request.reasoning?.budgetTokens === undefined;
  let thinking: Record<string, unknown> | undefined;
  let max = maxTokens;
  if (!thinkingAllowed) {
    // The tool loop's assistant turn has no signed thinking block (see `allowsAnthropicThinking`).
    if (adaptive && effort !== undefined && effortValues.has(effort)) outputConfig['effort'] = effort;
  } else if (adaptive) {
    thinking = { type: 'adaptive', ...withDisplay };
    if (effort !== undefined && effortValues.has(effort)) outputConfig['effort'] = effort;
  } else if (!forcesTool) {
    // Anthropic rejects thinking with a forced tool choice; the explicit tool choice wins.
    const plan = planAnthropicThinking(request.reasoning, maxTokens);
    if (plan.budgetTokens !== undefined) thinking = { type: 'enabled', budget_tokens: plan.budgetTokens, ...withDisplay };
    max = plan.maxTokens;
  }
  return {
    max_tokens: max,
    ...(thinking === undefined ? {} : { thinking }),
    ...(Object.keys(outputConfig).length > 0 ? { output_config: outputConfig } : {}),
  };
}

/**
 * Encodes a canonical request as an Anthropic Messages request body for an upstream.
 *
 * Fields from `providerOptions.anthropic.extraBody` (what an Anthropic client sent that has no
 * canonical home) go first, so translated fields always win; server tools are appended to
 * `tools`. Reasoning becomes `thinking: {type:'enabled', budget_tokens}` (table in
 * `map-anthropic-reasoning.ts`), left off when the latest tool-use turn has no signed thinking
 * block (Anthropic rejects that, see `allowsAnthropicThinking`); with thinking on, or with
 * `anthropicVersion` ≥ `2026-10-21`, `temperature`/`top_p`/`top_k` are left out because
 * Anthropic rejects them there.
 *
 * @example
 * encodeAnthropicRequest(request, { model: 'claude-sonnet-4-5', stream: true, anthropicVersion: '2023-06-01', defaultMaxTokens: 4096 });
 * @see https://platform.claude.com/docs/en/api/messages
 */
export function encodeAnthropicRequest(request: CanonicalRequest, options: EncodeAnthropicRequestOptions): Record<string, unknown> {
  const { system, messages } = convertToAnthropicMessages(request.messages);
  const thinkingFields = encodeThinking(request, request.maxOutputTokens ?? options.defaultMaxTokens, allowsAnthropicThinking(messages));
  const serverTools = anthropicOption(request, 'serverTools');
  const tools = [...(request.tools ?? []).map(encodeTool), ...(Array.isArray(serverTools) ? (serverTools as unknown[]) : [])];
  const toolChoice = tools.length > 0 ? encodeToolChoice(request) : undefined;
  const samplingAllowed = thinkingFields['thinking'] === undefined && options.anthropicVersion < samplingRemovedVersion;
  const userId = request.user ?? request.metadata?.['user_id'];
  return {
    ...{},
    ...record(anthropicOption(request, 'extraBody')),
    model: options.model,
    messages,
    ...(system === undefined ? {} : { system }),
    ...thinkingFields,
    ...(tools.length > 0 ? { tools } : {}),
    ...(toolChoice === undefined ? {} : { tool_choice: toolChoice }),
    ...(samplingAllowed && request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(samplingAllowed && request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(samplingAllowed && request.topK !== undefined ? { top_k: request.topK } : {}),
    ...(request.stopSequences !== undefined && request.stopSequences.length > 0 ? { stop_sequences: request.stopSequences } : {}),
    ...(userId === undefined ? {} : { metadata: { user_id: userId } }),
    stream: options.stream,
  };
}
