import { createRequire } from 'node:module';
import { Tiktoken } from 'js-tiktoken/lite';
import type { TiktokenBPE } from 'js-tiktoken/lite';
import type { CanonicalMessage, CanonicalRequest } from '../streams/canonical-request.js';
import { TokenCountCache } from './token-count-cache.js';

type EncodingName = 'o200k_base' | 'cl100k_base';

/** Tokens added per message for the role and separators (OpenAI's chat format counts 3). */
export const tokensPerMessage = 3;
/** Tokens that prime the assistant's reply (OpenAI's chat format counts 3). */
export const tokensPerReply = 3;
/** A flat estimate per image or file part: its bytes are not text, and providers bill them apart. */
export const tokensPerAttachment = 85;
/** Per tool definition, for the wrapper the provider puts around name, description and schema. */
export const tokensPerTool = 8;

const encoders = new Map<EncodingName, Tiktoken>();
const caches = new Map<EncodingName, TokenCountCache>();

/**
 * Measures a request's input in tokens with js-tiktoken, the way the context-window check needs
 * it: system and every message (text parts, tool-call names and arguments, tool-result text) plus
 * tool definitions (name, description, JSON of the parameters), plus {@link tokensPerMessage} per
 * message, {@link tokensPerTool} per tool and {@link tokensPerReply}. Images and files count
 * {@link tokensPerAttachment} each. Reasoning parts of earlier turns are not counted: providers
 * drop them from the context. Encoders load lazily, once per process; counts of long texts are
 * memoised (a bounded LRU) because agents resend the same history every turn.
 *
 * The count is exact for OpenAI models and an estimate for other families (their tokenizers are
 * not public); it is meant for limits, not billing.
 *
 * @example
 * countInputTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: false }, 'gpt-4o') // → 7
 */
export function countInputTokens(request: CanonicalRequest, model: string): number {
  return countInputTexts(inputTextsOf(request), model);
}

/** What {@link countInputTokens} measures: the texts, and the tokens that are fixed whatever they say. */
export interface InputTexts {
  readonly texts: readonly string[];
  readonly fixed: number;
}

/** A request's counted texts, gathered without tokenizing (cheap: the usage row counts them later, off the event loop). */
export function inputTextsOf(request: CanonicalRequest): InputTexts {
  const texts: string[] = [];
  let fixed = tokensPerReply;
  const text = (value: string): void => {
    if (value.length > 0) texts.push(value);
  };
  for (const message of request.messages) fixed += tokensPerMessage + gatherMessage(message, text);
  for (const tool of request.tools ?? []) {
    fixed += tokensPerTool;
    text(tool.name);
    text(tool.description ?? '');
    text(JSON.stringify(tool.parameters));
  }
  return { texts, fixed };
}

/** {@link countInputTokens} of gathered texts; long texts' counts are memoised. */
export function countInputTexts(input: InputTexts, model: string): number {
  const name = encodingForModel(model);
  const encoder = encoderFor(name);
  let cache = caches.get(name);
  if (cache === undefined) {
    cache = new TokenCountCache();
    caches.set(name, cache);
  }
  const memo = cache;
  const encode = (text: string): number => encoder.encode(text, [], []).length;
  let total = input.fixed;
  for (const text of input.texts) total += text.length === 0 ? 0 : memo.get(text, encode);
  return total;
}

/** Tokens of one text in the model family's encoding (used to count output when an upstream sent no usage). */
export function countTextTokens(text: string, model: string): number {
  return text.length === 0 ? 0 : encoderFor(encodingForModel(model)).encode(text, [], []).length;
}

/**
 * `o200k_base` for gpt-4o, gpt-4.1, gpt-4.5, gpt-5, gpt-oss, chatgpt-4o and the o-series (o1, o3,
 * o4-mini…), `cl100k_base` for everything else. A vendor prefix (`openai/gpt-4o`) is ignored.
 */
export function encodingForModel(model: string): EncodingName {
  const name = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  return /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|chatgpt-4o|o\d)/.test(name) ? 'o200k_base' : 'cl100k_base';
}

// Each encoding's ranks are megabytes of data: loaded on first use, not at start-up.
const load = createRequire(import.meta.url);

function encoderFor(name: EncodingName): Tiktoken {
  let encoder = encoders.get(name);
  if (encoder === undefined) {
    const ranks = load(`js-tiktoken/ranks/${name}`) as TiktokenBPE | { default: TiktokenBPE };
    encoder = new Tiktoken('default' in ranks ? ranks.default : ranks);
    encoders.set(name, encoder);
  }
  return encoder;
}

/** Hands a message's counted texts to `text`; returns its fixed tokens (attachments). */
function gatherMessage(message: CanonicalMessage, text: (value: string) => void): number {
  let fixed = 0;
  switch (message.role) {
    case 'system':
      text(message.content);
      return 0;
    case 'user':
      for (const part of message.content) {
        if (part.type === 'text') text(part.text);
        else fixed += tokensPerAttachment;
      }
      return fixed;
    case 'assistant':
      for (const part of message.content) {
        if (part.type === 'text') text(part.text);
        else if (part.type === 'tool-call') {
          text(part.toolName);
          text(part.input);
        }
      }
      return 0;
    case 'tool':
      for (const result of message.content) {
        for (const part of result.output) {
          if (part.type === 'text') text(part.text);
          else fixed += tokensPerAttachment;
        }
      }
      return fixed;
    default: {
      const unexpected: never = message;
      throw new Error(`Unexpected message: ${JSON.stringify(unexpected)}`);
    }
  }
}
