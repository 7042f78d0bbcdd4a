import type { FinishReason, FinishReasonUnified } from '../../streams/canonical-chunk.js';

/**
 * Anthropic `stop_reason` ↔ unified finish reason, both ways (PROTOCOLS.md A.7).
 *
 * @see https://platform.claude.com/docs/en/api/messages (StopReason)
 */

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

const fromAnthropic: Readonly<Record<AnthropicStopReason, FinishReasonUnified>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  // Lossy: the turn was paused by a long-running server tool; the client may continue it.
  pause_turn: 'stop',
  tool_use: 'tool-calls',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  refusal: 'content-filter',
};

export function isAnthropicStopReason(value: unknown): value is AnthropicStopReason {
  return typeof value === 'string' && Object.hasOwn(fromAnthropic, value);
}

/**
 * Maps an Anthropic `stop_reason` to a unified finish reason, keeping the raw string.
 *
 * @example
 * mapAnthropicFinishReason('tool_use'); // { unified: 'tool-calls', raw: 'tool_use' }
 */
export function mapAnthropicFinishReason(stopReason: string | null | undefined): FinishReason {
  const raw = stopReason ?? undefined;
  return { unified: isAnthropicStopReason(raw) ? fromAnthropic[raw] : 'other', raw };
}

/**
 * Picks the Anthropic `stop_reason` for a unified finish reason. A raw value that already is an
 * Anthropic stop reason wins (an Anthropic upstream's `pause_turn` survives); a turn that emitted
 * tool calls ends in `tool_use` whatever the upstream said (Claude Code needs this, SEED-SPEC §1.5).
 *
 * @example
 * toAnthropicStopReason({ unified: 'length', raw: 'length' }, false); // 'max_tokens'
 */
export function toAnthropicStopReason(finishReason: FinishReason, hasToolCalls: boolean): AnthropicStopReason {
  const { unified, raw } = finishReason;
  if (hasToolCalls && (unified === 'stop' || unified === 'tool-calls' || unified === 'other')) return 'tool_use';
  if (isAnthropicStopReason(raw) && fromAnthropic[raw] === unified) return raw;
  switch (unified) {
    case 'tool-calls':
      return hasToolCalls ? 'tool_use' : 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'content-filter':
      return 'refusal';
    case 'stop':
    case 'error':
    case 'other':
      return 'end_turn';
    default: {
      const exhaustive: never = unified;
      return exhaustive;
    }
  }
}
