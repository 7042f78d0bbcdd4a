import type { SessionState } from '../sessions/session-state.js';
import type {
  CanonicalMessage,
  CanonicalReasoning,
  CanonicalRequest,
  ReasoningEffort,
  UserContentPart,
} from '../streams/canonical-request.js';

const efforts: readonly string[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

function toEffort(value: string | undefined): ReasoningEffort | undefined {
  if (value === undefined) return undefined;
  const effort = value === 'maximum' ? 'max' : value;
  return efforts.includes(effort) ? (effort as ReasoningEffort) : undefined;
}

/** Adds the alias's prompt prefix to the first text part and its suffix to the last one. */
function wrapLatestUserText(messages: readonly CanonicalMessage[], prefix: string, suffix: string): CanonicalMessage[] {
  const result = [...messages];
  const index = result.findLastIndex((message) => message.role === 'user');
  const message = result[index];
  if (message === undefined || message.role !== 'user') return result;
  const content: UserContentPart[] = [...message.content];
  const first = content.findIndex((part) => part.type === 'text');
  if (first === -1) {
    content.push({ type: 'text', text: `${prefix}${suffix}` });
  } else {
    const last = content.findLastIndex((part) => part.type === 'text');
    const wrap = (position: number, before: string, after: string): void => {
      const part = content[position];
      if (part.type === 'text') content[position] = { ...{}, ...part, text: `${before}${part.text}${after}` };
    };
    wrap(first, prefix, '');
    wrap(last, '', suffix);
  }
  result[index] = { ...{}, ...message, content };
  return result;
}

/**
 * Applies the session's generation settings to a request about to be forwarded (the caller
 * calls it once, on forward). Precedence, most specific first: values set explicitly with
 * `!/set` / `!/temperature`, then the reasoning alias mode (`!/max`…), then the client's own.
 *
 * - `temperature`, `topP`;
 * - `reasoning.effort` from `reasoning-effort` or the alias, `reasoning.budgetTokens` from
 *   `thinking-budget` or the alias's `max_reasoning_tokens`;
 * - the alias's `user_prompt_prefix` / `user_prompt_suffix` around the latest user message's text.
 *
 * @example
 * applySessionToRequest(request, {...session, temperature: 0.2}).temperature; // 0.2
 */
export function applySessionToRequest(request: CanonicalRequest, session: SessionState): CanonicalRequest {
  const alias = session.reasoningAlias?.settings ?? {};
  const temperature = session.temperature ?? alias.temperature ?? request.temperature;
  const topP = alias.topP ?? request.topP;
  const effort = toEffort(session.reasoningEffort) ?? toEffort(alias.reasoningEffort) ?? request.reasoning?.effort;
  const budgetTokens = session.thinkingBudget ?? alias.maxReasoningTokens ?? request.reasoning?.budgetTokens;
  const reasoning: CanonicalReasoning | undefined =
    request.reasoning === undefined && effort === undefined && budgetTokens === undefined
      ? undefined
      : {
          ...{},
          ...request.reasoning,
          ...(effort === undefined ? {} : { effort }),
          ...(budgetTokens === undefined ? {} : { budgetTokens }),
        };
  const prefix = alias.userPromptPrefix ?? '';
  const suffix = alias.userPromptSuffix ?? '';
  return {
    ...{},
    ...request,
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { topP }),
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(prefix === '' && suffix === '' ? {} : { messages: wrapLatestUserText(request.messages, prefix, suffix) }),
  };
}
