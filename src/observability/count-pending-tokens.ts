import { countInputTexts, countTextTokens } from '../routing/count-input-tokens.js';
import type { TokenCounter } from './usage-record.js';

/**
 * The row writer's token counter: js-tiktoken, as the context-window check counts. It runs where
 * rows are written (the row writer's worker thread in the gateway), because building an encoder
 * takes the better part of a second and counting a long prompt tens of milliseconds: on the event
 * loop that would stall every other stream each time a client hangs up mid-answer.
 */
export const countPendingTokens: TokenCounter = (pending) => ({
  ...{},
  ...(pending.input === undefined ? {} : { inputTokens: countInputTexts(pending.input, pending.model) }),
  ...(pending.output === undefined ? {} : { outputTokens: countTextTokens(pending.output, pending.model) }),
});
