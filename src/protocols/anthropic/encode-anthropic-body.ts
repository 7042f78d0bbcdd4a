import type { CanonicalResponse } from '../../streams/canonical-response.js';
import type { AssistantContentPart } from '../../streams/canonical-request.js';
import type { CodecContext } from '../../streams/codec-context.js';
import { toAnthropicUsage, type AnthropicUsageOut } from './convert-anthropic-usage.js';
import { toAnthropicStopReason, type AnthropicStopReason } from './map-anthropic-finish-reason.js';

export interface AnthropicMessageReply {
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly model: string;
  readonly content: Record<string, unknown>[];
  readonly stop_reason: AnthropicStopReason;
  readonly stop_sequence: string | null;
  readonly usage: AnthropicUsageOut;
}

function parseInput(input: string): unknown {
  try {
    const parsed: unknown = JSON.parse(input === '' ? '{}' : input);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : { value: parsed };
  } catch {
    return {};
  }
}

function block(part: AssistantContentPart): Record<string, unknown> | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : { type: 'text', text: part.text };
    case 'reasoning': {
      const anthropic = part.providerMetadata?.['anthropic'];
      if (typeof anthropic?.['redactedData'] === 'string') return { type: 'redacted_thinking', data: anthropic['redactedData'] };
      const signature = typeof anthropic?.['signature'] === 'string' ? anthropic['signature'] : '';
      return part.text === '' && signature === '' ? undefined : { type: 'thinking', thinking: part.text, signature };
    }
    case 'tool-call':
      return { type: 'tool_use', id: part.toolCallId, name: part.toolName, input: parseInput(part.input) };
    default: {
      const exhaustive: never = part;
      return exhaustive;
    }
  }
}

/**
 * Renders a complete canonical response as a non-streamed Anthropic Messages reply. Empty text
 * parts are left out (D.5); thinking keeps its signature; tool arguments become objects.
 *
 * @example
 * encodeAnthropicBody(response, context);
 * // { id: 'msg_…', type: 'message', role: 'assistant', model, content: [...], stop_reason: 'end_turn', stop_sequence: null, usage }
 * @see https://platform.claude.com/docs/en/api/messages
 */
export function encodeAnthropicBody(response: CanonicalResponse, context: CodecContext): AnthropicMessageReply {
  const content = response.content.flatMap((part) => {
    const encoded = block(part);
    return encoded === undefined ? [] : [encoded];
  });
  const hasToolCalls = response.content.some((part) => part.type === 'tool-call');
  const stopReason = toAnthropicStopReason(response.finishReason, hasToolCalls);
  const stopSequence = response.providerMetadata?.['anthropic']?.['stopSequence'];
  return {
    id: response.id ?? context.generateId('msg_'),
    type: 'message',
    role: 'assistant',
    model: response.modelId ?? 'unknown',
    content,
    stop_reason: stopReason,
    stop_sequence: stopReason === 'stop_sequence' && typeof stopSequence === 'string' ? stopSequence : null,
    usage: toAnthropicUsage(response.usage),
  };
}
