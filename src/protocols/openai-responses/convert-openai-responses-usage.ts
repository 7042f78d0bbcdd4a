import type { Usage } from '../../streams/canonical-chunk.js';
import type { ResponsesUsage } from './openai-responses-wire.js';

/** The Responses usage object as the wire carries it. */
export interface OpenAIResponsesWireUsage {
  readonly input_tokens: number;
  readonly input_tokens_details: { readonly cached_tokens: number };
  readonly output_tokens: number;
  readonly output_tokens_details: { readonly reasoning_tokens: number };
  readonly total_tokens: number;
}

/**
 * Reads a Responses usage object into canonical usage (`raw` keeps the wire numbers).
 * `output_tokens` already includes reasoning tokens, as in Chat Completions.
 *
 * @example
 * convertOpenAIResponsesUsage({ input_tokens: 11, output_tokens: 5, total_tokens: 16 });
 * // { inputTokens: 11, outputTokens: 5, totalTokens: 16, raw: {...} }
 */
export function convertOpenAIResponsesUsage(usage: ResponsesUsage | null | undefined): Usage {
  if (usage == null) return {};
  const result: { -readonly [K in keyof Usage]: Usage[K] } = { raw: usage as Record<string, unknown> };
  if (usage.input_tokens != null) result.inputTokens = usage.input_tokens;
  if (usage.output_tokens != null) result.outputTokens = usage.output_tokens;
  if (usage.total_tokens != null) result.totalTokens = usage.total_tokens;
  if (usage.output_tokens_details?.reasoning_tokens != null) result.reasoningTokens = usage.output_tokens_details.reasoning_tokens;
  if (usage.input_tokens_details?.cached_tokens != null) result.cachedInputTokens = usage.input_tokens_details.cached_tokens;
  return result;
}

/**
 * Renders canonical usage in Responses form; missing counts are 0 and the total is derived.
 *
 * @example
 * toOpenAIResponsesUsage({ inputTokens: 3, outputTokens: 4 }).total_tokens; // 7
 */
export function toOpenAIResponsesUsage(usage: Usage): OpenAIResponsesWireUsage {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.totalTokens ?? input + output,
  };
}
