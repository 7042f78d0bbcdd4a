import type { CanonicalReasoning, ReasoningEffort } from '../../streams/canonical-request.js';

/**
 * Reasoning effort → Gemini `thinkingBudget` (tokens). Chosen from Gemini's documented budget
 * ranges (2.5 Flash: 0..24576, 2.5 Pro: 128..32768): `none` turns thinking off, `high` is the
 * Flash maximum, `xhigh`/`max` the Pro maximum. LiteLLM's smaller defaults (PROTOCOLS.md A.7)
 * were not used because Gemini's own `medium`-like dynamic budgets run far above 2048.
 *
 * @see https://ai.google.dev/gemini-api/docs/thinking#set-budget
 */
export const geminiThinkingBudgets: Readonly<Record<ReasoningEffort, number>> = {
  none: 0,
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
  max: 32768,
};

const levelToEffort: Readonly<Record<string, ReasoningEffort>> = {
  MINIMAL: 'minimal',
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
};

/** Gemini `thinkingConfig` as a client sends it. */
export interface GeminiThinkingConfig {
  readonly thinkingBudget?: number | null;
  readonly includeThoughts?: boolean | null;
  readonly thinkingLevel?: string | null;
}

/**
 * Reads a client's `thinkingConfig` into canonical reasoning.
 * - `thinkingBudget: 0` → effort `none`, budget 0;
 * - `thinkingBudget: -1` (dynamic: the model decides) → effort `medium` with no budget — lossy,
 *   an explicit choice since the canonical request has no "dynamic";
 * - a positive budget → `budgetTokens`, plus the smallest effort whose table budget covers it so
 *   effort-only upstreams (OpenAI) get something close;
 * - `thinkingLevel` → the effort of the same name (`thinkingBudget` wins when both are set).
 *
 * @example
 * decodeGeminiThinkingConfig({ thinkingBudget: 2000, includeThoughts: true });
 * // { budgetTokens: 2000, effort: 'medium', includeThoughts: true }
 */
export function decodeGeminiThinkingConfig(config: GeminiThinkingConfig): CanonicalReasoning | undefined {
  const budget = config.thinkingBudget ?? undefined;
  const include = config.includeThoughts ?? undefined;
  const level = config.thinkingLevel ?? undefined;
  const includePart = include === undefined ? {} : { includeThoughts: include };
  if (budget !== undefined) {
    if (budget === 0) return { effort: 'none', budgetTokens: 0, ...includePart };
    if (budget < 0) return { effort: 'medium', ...includePart };
    return { budgetTokens: budget, effort: effortForBudget(budget), ...includePart };
  }
  const effort = level === undefined ? undefined : levelToEffort[level];
  if (effort !== undefined) return { effort, ...includePart };
  return include === undefined ? undefined : includePart;
}

/** The smallest effort whose budget in {@link geminiThinkingBudgets} is at least `budget`. */
export function effortForBudget(budget: number): ReasoningEffort {
  const order: ReasoningEffort[] = ['minimal', 'low', 'medium', 'high', 'max'];
  return order.find((effort) => geminiThinkingBudgets[effort] >= budget) ?? 'max';
}

/**
 * Renders canonical reasoning as Gemini `thinkingConfig`: an explicit `budgetTokens` wins, else
 * the effort table. `includeThoughts` follows the request, and defaults to true when the budget
 * is above zero (so reasoning text can reach the client).
 *
 * @example
 * encodeGeminiThinkingConfig({ effort: 'low' }); // { thinkingBudget: 1024, includeThoughts: true }
 */
export function encodeGeminiThinkingConfig(reasoning: CanonicalReasoning): Record<string, unknown> | undefined {
  const budget = reasoning.budgetTokens ?? (reasoning.effort === undefined ? undefined : geminiThinkingBudgets[reasoning.effort]);
  if (budget === undefined) {
    return reasoning.includeThoughts === undefined ? undefined : { includeThoughts: reasoning.includeThoughts };
  }
  const includeThoughts = reasoning.includeThoughts ?? budget > 0;
  return { thinkingBudget: budget, ...(includeThoughts && budget !== 0 ? { includeThoughts: true } : {}) };
}
