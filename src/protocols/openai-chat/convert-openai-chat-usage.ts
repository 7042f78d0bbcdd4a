import type { Usage } from '../../streams/canonical-chunk.js';
import { isRecord } from './openai-chat-codec-helpers.js';

const numberOrUndefined = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * Reads a Chat Completions `usage` object; the wire object is kept whole in `raw`
 * (DeepSeek's `prompt_cache_hit_tokens`, xAI's `cost_in_usd_ticks`…).
 *
 * @example
 * convertOpenAIChatUsage({ prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 });
 * // { inputTokens: 3, outputTokens: 5, totalTokens: 8, raw: {…} }
 */
export function convertOpenAIChatUsage(wire: Readonly<Record<string, unknown>>): Usage {
  const promptDetails = isRecord(wire.prompt_tokens_details) ? wire.prompt_tokens_details : {};
  const completionDetails = isRecord(wire.completion_tokens_details) ? wire.completion_tokens_details : {};
  const usage: Record<string, unknown> = {
    inputTokens: numberOrUndefined(wire.prompt_tokens),
    outputTokens: numberOrUndefined(wire.completion_tokens),
    totalTokens: numberOrUndefined(wire.total_tokens),
    reasoningTokens: numberOrUndefined(completionDetails.reasoning_tokens),
    cachedInputTokens: numberOrUndefined(promptDetails.cached_tokens),
    raw: wire,
  };
  return Object.fromEntries(Object.entries(usage).filter(([, value]) => value !== undefined)) as Usage;
}

export interface OpenAIChatWireUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
  readonly prompt_tokens_details: { readonly cached_tokens: number };
  readonly completion_tokens_details: { readonly reasoning_tokens: number };
}

/**
 * Renders canonical usage as a Chat Completions `usage` object (missing counts are 0; the total
 * is the sum when the upstream gave none).
 *
 * @example
 * convertToOpenAIChatUsage({ inputTokens: 3, outputTokens: 5 }).total_tokens; // 8
 */
export function convertToOpenAIChatUsage(usage: Usage): OpenAIChatWireUsage {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: usage.totalTokens ?? input + output,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}
