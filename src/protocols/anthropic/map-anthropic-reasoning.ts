import type { CanonicalReasoning, ReasoningEffort } from '../../streams/canonical-request.js';

/**
 * Reasoning effort ↔ Anthropic extended-thinking budgets.
 *
 * The budget table follows LiteLLM's `DEFAULT_REASONING_EFFORT_*` defaults (PROTOCOLS.md A.7),
 * with two changes: `minimal` (512 there) is raised to Anthropic's floor of 1024, and `xhigh`
 * sits between `high` and `max` at 8192. `none` means no thinking at all.
 *
 * | effort  | budget_tokens |
 * |---------|---------------|
 * | minimal | 1024 (512 raised to the floor) |
 * | low     | 1024          |
 * | medium  | 2048          |
 * | high    | 4096          |
 * | xhigh   | 8192          |
 * | max     | 16384         |
 *
 * @see https://platform.claude.com/docs/en/build-with-claude/extended-thinking
 */
export const anthropicThinkingBudgets: Readonly<Record<Exclude<ReasoningEffort, 'none'>, number>> = {
  minimal: 1024,
  low: 1024,
  medium: 2048,
  high: 4096,
  xhigh: 8192,
  max: 16384,
};

/** Anthropic's smallest accepted `budget_tokens`. */
export const anthropicMinimumThinkingBudget = 1024;

export interface AnthropicThinkingPlan {
  /** `undefined` when thinking stays off. */
  readonly budgetTokens: number | undefined;
  /** `max_tokens` to send: raised when the budget would not fit below it. */
  readonly maxTokens: number;
}

/**
 * Decides the thinking budget and `max_tokens` for an Anthropic upstream. An explicit budget
 * wins over an effort; budgets are raised to 1024; when the budget is not below `max_tokens`,
 * `max_tokens` becomes budget + the requested `max_tokens` (the client's limit was meant for the
 * answer, and Anthropic counts thinking inside `max_tokens`).
 *
 * @example
 * planAnthropicThinking({ effort: 'high' }, 1000); // { budgetTokens: 4096, maxTokens: 5096 }
 * planAnthropicThinking({ effort: 'none' }, 1000); // { budgetTokens: undefined, maxTokens: 1000 }
 */
export function planAnthropicThinking(reasoning: CanonicalReasoning | undefined, maxTokens: number): AnthropicThinkingPlan {
  const budget = requestedBudget(reasoning);
  if (budget === undefined) return { budgetTokens: undefined, maxTokens };
  const budgetTokens = Math.max(anthropicMinimumThinkingBudget, Math.floor(budget));
  return { budgetTokens, maxTokens: budgetTokens < maxTokens ? maxTokens : budgetTokens + maxTokens };
}

function requestedBudget(reasoning: CanonicalReasoning | undefined): number | undefined {
  if (reasoning === undefined || reasoning.effort === 'none') return undefined;
  if (reasoning.budgetTokens !== undefined) return reasoning.budgetTokens > 0 ? reasoning.budgetTokens : undefined;
  return reasoning.effort === undefined ? undefined : anthropicThinkingBudgets[reasoning.effort];
}

/**
 * Whether `thinking` may be turned on for these wire messages. With thinking on, Anthropic wants
 * the assistant turn before the latest `tool_use`/`tool_result` pair to start with a signed
 * `thinking` (or `redacted_thinking`) block, and answers 400 "Expected `thinking` or
 * `redacted_thinking`, but found `tool_use`" otherwise. A history from another model or from a
 * client that could not keep the block (OpenAI Chat, Responses without the gateway's record) has
 * none, and no valid signature can be made up: that request goes without thinking instead.
 *
 * @example
 * allowsAnthropicThinking([{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }]); // false
 */
export function allowsAnthropicThinking(messages: readonly { readonly role: string; readonly content: readonly Readonly<Record<string, unknown>>[] }[]): boolean {
  const last = messages.findLast((message) => message.role === 'assistant' && message.content.some((block) => block['type'] === 'tool_use'));
  if (last === undefined) return true;
  const first = last.content[0];
  if (first?.['type'] === 'redacted_thinking') return true;
  return first?.['type'] === 'thinking' && typeof first['signature'] === 'string' && first['signature'].length > 0;
}
