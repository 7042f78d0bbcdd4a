import type { FinishReason, FinishReasonUnified } from '../../streams/canonical-chunk.js';

/** How a Responses stream or body ends: its terminal `status` and `incomplete_details.reason`. */
export interface OpenAIResponsesOutcome {
  readonly status: 'completed' | 'incomplete' | 'failed';
  readonly incompleteReason?: 'max_output_tokens' | 'content_filter';
}

/**
 * Maps a Responses terminal status to a canonical finish reason (PROTOCOLS.md A.7).
 *
 * | status | incomplete reason | function calls | unified |
 * |---|---|---|---|
 * | completed | - | none | stop |
 * | completed | - | some | tool-calls |
 * | incomplete | max_output_tokens | - | length |
 * | incomplete | content_filter | - | content-filter |
 * | incomplete | other / none | - | other |
 * | failed | - | - | error |
 * | anything else (cancelled, ...) | - | - | other |
 *
 * `raw` is the incomplete reason when there is one, else the status.
 *
 * @example
 * mapOpenAIResponsesFinishReason({ status: 'completed', hasFunctionCall: true }); // { unified: 'tool-calls', raw: 'completed' }
 */
export function mapOpenAIResponsesFinishReason(options: {
  status: string | null | undefined;
  incompleteReason?: string | null;
  hasFunctionCall: boolean;
}): FinishReason {
  const { status, incompleteReason, hasFunctionCall } = options;
  const raw = incompleteReason ?? status ?? undefined;
  let unified: FinishReasonUnified;
  if (status === 'completed') unified = hasFunctionCall ? 'tool-calls' : 'stop';
  else if (status === 'incomplete') {
    unified = incompleteReason === 'max_output_tokens' ? 'length' : incompleteReason === 'content_filter' ? 'content-filter' : 'other';
  } else if (status === 'failed') unified = 'error';
  else unified = 'other';
  return { unified, raw };
}

/**
 * Maps a canonical finish reason to the Responses terminal status (the reverse of
 * {@link mapOpenAIResponsesFinishReason}): `length` and `content-filter` end `incomplete`,
 * `error` ends `failed`, everything else `completed` (tool calls show as `function_call` items).
 *
 * @example
 * toOpenAIResponsesOutcome('length'); // { status: 'incomplete', incompleteReason: 'max_output_tokens' }
 */
export function toOpenAIResponsesOutcome(unified: FinishReasonUnified): OpenAIResponsesOutcome {
  switch (unified) {
    case 'length':
      return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
    case 'content-filter':
      return { status: 'incomplete', incompleteReason: 'content_filter' };
    case 'error':
      return { status: 'failed' };
    case 'stop':
    case 'tool-calls':
    case 'other':
      return { status: 'completed' };
    default: {
      const exhaustive: never = unified;
      return exhaustive;
    }
  }
}
