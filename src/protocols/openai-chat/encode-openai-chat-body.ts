import type { CanonicalResponse } from '../../streams/canonical-response.js';
import type { TextPart, ToolCallPart } from '../../streams/canonical-request.js';
import { convertToOpenAIChatUsage, type OpenAIChatWireUsage } from './convert-openai-chat-usage.js';
import { toOpenAIChatFinishReason } from './map-openai-chat-finish-reason.js';
import { readOpenAIChatMetadata } from './openai-chat-provider-options.js';

export interface EncodeOpenAIChatBodyOptions {
  readonly id: string;
  readonly model: string;
  /** Seconds since the epoch. */
  readonly created: number;
}

export interface OpenAIChatCompletionBody {
  readonly id: string;
  readonly object: 'chat.completion';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly [
    {
      readonly index: 0;
      readonly message: {
        readonly role: 'assistant';
        readonly content: string | null;
        readonly refusal: string | null;
        readonly tool_calls?: readonly { id: string; type: 'function'; function: { name: string; arguments: string } }[];
        readonly reasoning_content?: string;
      };
      readonly logprobs: null;
      readonly finish_reason: string;
    },
  ];
  readonly usage: OpenAIChatWireUsage;
}

/**
 * A text part's final text: the gateway's structured-output repair (`providerMetadata.structuredOutput
 * .repairedText`, set by the `enforceStructuredOutput` operator) when there is one. Streaming
 * clients cannot get it (Chat streams have no `.done` event): their deltas stand, and an output
 * that cannot be repaired ends that stream with an in-band error instead.
 */
function finalText(part: TextPart): string {
  const repaired = part.providerMetadata?.structuredOutput?.repairedText;
  return typeof repaired === 'string' ? repaired : part.text;
}

/**
 * Renders a whole canonical response as a `chat.completion` body: `content` is null when the
 * turn only calls tools (D.5), reasoning goes to `reasoning_content`, refusal text to `refusal`.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @example
 * encodeOpenAIChatBody(response, { id: 'chatcmpl-1', model: 'gpt-4.1', created: 1700000000 }).choices[0].message.content;
 */
export function encodeOpenAIChatBody(response: CanonicalResponse, options: EncodeOpenAIChatBodyOptions): OpenAIChatCompletionBody {
  const texts = response.content.filter((part): part is TextPart => part.type === 'text');
  const isRefusal = (part: TextPart): boolean => readOpenAIChatMetadata(part.providerMetadata).refusal === true;
  const text = texts.filter((part) => !isRefusal(part)).map(finalText).join('');
  const refusal = texts.filter(isRefusal).map((part) => part.text).join('');
  const calls = response.content.filter((part): part is ToolCallPart => part.type === 'tool-call');
  const reasoning = response.content.map((part) => (part.type === 'reasoning' ? part.text : '')).join('');
  return {
    id: options.id,
    object: 'chat.completion',
    created: options.created,
    model: options.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && (calls.length > 0 || refusal !== '') ? null : text,
          refusal: refusal === '' ? null : refusal,
          ...(calls.length === 0
            ? {}
            : {
                tool_calls: calls.map((call) => ({
                  id: call.toolCallId,
                  type: 'function' as const,
                  function: { name: call.toolName, arguments: call.input === '' ? '{}' : call.input },
                })),
              }),
          ...(reasoning === '' ? {} : { reasoning_content: reasoning }),
        },
        logprobs: null,
        finish_reason: toOpenAIChatFinishReason(response.finishReason.unified, calls.length > 0),
      },
    ],
    usage: convertToOpenAIChatUsage(response.usage),
  };
}
