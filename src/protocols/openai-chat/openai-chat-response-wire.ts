import * as t from 'io-ts';
import { isRecord, nullish } from './openai-chat-codec-helpers.js';

/**
 * Lenient io-ts codecs for what OpenAI-compatible upstreams send back: every field optional and
 * nullable, unknown fields ignored (Azure `prompt_filter_results`, OpenAI `obfuscation`, xAI
 * `cost_in_usd_ticks`…). Only a field of the wrong type fails.
 *
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */

const functionFragmentCodec = t.partial({ name: nullish(t.string), arguments: nullish(t.string) });

const toolCallFragmentCodec = t.partial({
  index: nullish(t.number),
  id: nullish(t.string),
  type: nullish(t.string),
  function: nullish(functionFragmentCodec),
});

const deltaCodec = t.partial({
  role: nullish(t.string),
  /** A string; some upstreams (Mistral) send an array of parts instead. */
  content: t.unknown,
  reasoning_content: nullish(t.string),
  /** OpenRouter and vLLM name the reasoning text `reasoning`. */
  reasoning: nullish(t.string),
  refusal: nullish(t.string),
  tool_calls: nullish(t.array(toolCallFragmentCodec)),
  function_call: nullish(functionFragmentCodec),
});

const streamChoiceCodec = t.partial({
  index: nullish(t.number),
  delta: nullish(deltaCodec),
  finish_reason: nullish(t.string),
});

const sharedFields = {
  id: nullish(t.string),
  model: nullish(t.string),
  created: nullish(t.number),
  usage: nullish(t.UnknownRecord),
  /** `{message, type, code, param}`; kept loose because vendors vary (a string, a numeric code). */
  error: t.unknown,
  system_fingerprint: nullish(t.string),
  service_tier: nullish(t.string),
};

export const openAIChatStreamChunkCodec = t.partial({ ...{}, ...sharedFields, choices: nullish(t.array(streamChoiceCodec)) });

const bodyMessageCodec = t.partial({
  role: nullish(t.string),
  content: t.unknown,
  reasoning_content: nullish(t.string),
  reasoning: nullish(t.string),
  refusal: nullish(t.string),
  tool_calls: nullish(t.array(toolCallFragmentCodec)),
  function_call: nullish(functionFragmentCodec),
});

const bodyChoiceCodec = t.partial({
  index: nullish(t.number),
  message: nullish(bodyMessageCodec),
  finish_reason: nullish(t.string),
});

export const openAIChatBodyCodec = t.partial({ ...{}, ...sharedFields, choices: nullish(t.array(bodyChoiceCodec)) });

export type OpenAIChatStreamChunk = t.TypeOf<typeof openAIChatStreamChunkCodec>;
export type OpenAIChatStreamDelta = t.TypeOf<typeof deltaCodec>;
export type OpenAIChatToolCallFragment = t.TypeOf<typeof toolCallFragmentCodec>;
export type OpenAIChatBody = t.TypeOf<typeof openAIChatBodyCodec>;

/** Text of a `content` field: a string, or the `text` parts of an array (Mistral). */
export function readOpenAIChatContentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') text += part.text;
  }
  return text;
}

export interface OpenAIChatWireError {
  readonly message: string;
  readonly type?: string;
  readonly code?: string;
  readonly param?: string;
  /** A numeric HTTP-like status some vendors put in `code`. */
  readonly status?: number;
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/** Reads `{error:{message,type,code,param}}`, `{error:"text"}` or a vLLM-style top-level error. */
export function readOpenAIChatWireError(error: unknown): OpenAIChatWireError | undefined {
  if (typeof error === 'string') return { message: error };
  if (!isRecord(error)) return undefined;
  const code = error.code;
  return {
    message: optionalString(error.message) ?? JSON.stringify(error),
    type: optionalString(error.type),
    code: optionalString(code),
    param: optionalString(error.param),
    status: typeof code === 'number' && code >= 400 && code <= 599 ? code : undefined,
  };
}
