import type { Usage } from '../../streams/canonical-chunk.js';
import type { AnthropicUsageWire } from './anthropic-event-wire.js';

/**
 * Anthropic usage ↔ canonical usage. Anthropic's `input_tokens` excludes cached tokens, so the
 * canonical input is the sum of `input_tokens`, `cache_read_input_tokens` and
 * `cache_creation_input_tokens` (PROTOCOLS.md A.7); `cachedInputTokens` is the cache read.
 */

const count = (value: number | null | undefined): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Converts an Anthropic usage object (the overlaid, cumulative one) to canonical usage.
 *
 * @example
 * convertAnthropicUsage({ input_tokens: 10, cache_read_input_tokens: 5, output_tokens: 3 });
 * // { inputTokens: 15, cachedInputTokens: 5, outputTokens: 3, totalTokens: 18, raw: {...} }
 */
export function convertAnthropicUsage(raw: Readonly<Record<string, unknown>>): Usage {
  const wire = raw as AnthropicUsageWire;
  const input = count(wire.input_tokens);
  const cacheRead = count(wire.cache_read_input_tokens);
  const cacheCreation = count(wire.cache_creation_input_tokens);
  const output = count(wire.output_tokens);
  const inputTokens =
    input === undefined && cacheRead === undefined && cacheCreation === undefined
      ? undefined
      : (input ?? 0) + (cacheRead ?? 0) + (cacheCreation ?? 0);
  const reasoning = count(wire.output_tokens_details?.thinking_tokens);
  return {
    ...{},
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(output === undefined ? {} : { outputTokens: output }),
    ...(inputTokens === undefined || output === undefined ? {} : { totalTokens: inputTokens + output }),
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
    ...(cacheRead === undefined ? {} : { cachedInputTokens: cacheRead }),
    raw,
  };
}

/** Overlays a later Anthropic usage report on an earlier one: present numbers win, never summed. */
export function overlayAnthropicUsage(
  base: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(next)) if (value !== null && value !== undefined) merged[key] = value;
  return merged;
}

export interface AnthropicUsageOut {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * Renders canonical usage as Anthropic usage. Cache creation is only known when the numbers came
 * from Anthropic (`raw.cache_creation_input_tokens`); it is taken out of `input_tokens` again.
 *
 * @example
 * toAnthropicUsage({ inputTokens: 15, cachedInputTokens: 5, outputTokens: 3 });
 * // { input_tokens: 10, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 5 }
 */
export function toAnthropicUsage(usage: Usage): AnthropicUsageOut {
  const cacheRead = usage.cachedInputTokens ?? 0;
  const rawCreation = usage.raw?.['cache_creation_input_tokens'];
  const cacheCreation = typeof rawCreation === 'number' ? rawCreation : 0;
  const input = Math.max(0, (usage.inputTokens ?? 0) - cacheRead - cacheCreation);
  return {
    input_tokens: input,
    output_tokens: usage.outputTokens ?? 0,
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: cacheRead,
  };
}
