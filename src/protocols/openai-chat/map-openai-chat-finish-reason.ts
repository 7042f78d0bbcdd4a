import type { FinishReason, FinishReasonUnified } from '../../streams/canonical-chunk.js';

const unifiedByRaw: Readonly<Record<string, FinishReasonUnified>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

/**
 * Maps a Chat Completions `finish_reason` to the unified reason, keeping the raw string.
 * Anything unknown (vendor values such as `insufficient_system_resource`) is `other`.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 * @example
 * mapOpenAIChatFinishReason('tool_calls'); // { unified: 'tool-calls', raw: 'tool_calls' }
 */
export function mapOpenAIChatFinishReason(raw: string | null | undefined): FinishReason {
  const value = raw ?? undefined;
  return {
    unified: value !== undefined && Object.hasOwn(unifiedByRaw, value) ? unifiedByRaw[value] : 'other',
    raw: value,
  };
}

/**
 * Maps a unified reason to the `finish_reason` an OpenAI client understands. The SDK types only
 * allow five values, so `error` and `other` become `stop`; a turn that emitted tool calls is
 * `tool_calls` even when the upstream said `stop` (Gemini does, A.7).
 *
 * @example
 * toOpenAIChatFinishReason('stop', true); // 'tool_calls'
 */
export function toOpenAIChatFinishReason(unified: FinishReasonUnified, hadToolCalls = false): string {
  switch (unified) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'tool-calls':
      return 'tool_calls';
    case 'stop':
    case 'error':
    case 'other':
      return hadToolCalls && unified === 'stop' ? 'tool_calls' : 'stop';
    default: {
      const exhausted: never = unified;
      return exhausted;
    }
  }
}
