import type { ProviderMetadata } from '../../streams/canonical-chunk.js';
import { isRecord } from './openai-chat-codec-helpers.js';

/**
 * What the decoder keeps under `providerOptions.openai` so that an OpenAI-compatible upstream gets
 * the client's request back unchanged: fields the canonical request has no home for.
 */
export type OpenAIChatRequestOptions = {
  /** Unknown top-level fields (`n`, `logprobs`, `frequency_penalty`, vendor extensions…). */
  readonly extraBody?: Readonly<Record<string, unknown>>;
  /** Tools that are not `type: "function"` (e.g. `custom`), in their wire form. */
  readonly extraTools?: readonly unknown[];
  /** `stream_options` members other than `include_usage` (e.g. `include_obfuscation`). */
  readonly extraStreamOptions?: Readonly<Record<string, unknown>>;
  /** Which field carried the output limit; reasoning models reject `max_tokens`. */
  readonly maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  readonly responseFormatDescription?: string;
};

/**
 * What the decoder keeps under a message's (or text part's / tool call's) `providerMetadata.openai`.
 */
export type OpenAIChatMessageMetadata = {
  /** Wire fields the canonical message cannot hold (`name`, `refusal`, `cache_control`…). */
  readonly extraFields?: Readonly<Record<string, unknown>>;
  /** The content was sent as an array of parts rather than a string. */
  readonly contentParts?: boolean;
  /** A text part that was a `refusal` (assistant history). */
  readonly refusal?: boolean;
};

export function readOpenAIChatRequestOptions(options: ProviderMetadata | undefined): OpenAIChatRequestOptions {
  const value = options?.openai;
  return isRecord(value) ? (value as OpenAIChatRequestOptions) : {};
}

export function readOpenAIChatMetadata(metadata: ProviderMetadata | undefined): OpenAIChatMessageMetadata {
  const value = metadata?.openai;
  return isRecord(value) ? (value as OpenAIChatMessageMetadata) : {};
}

/** The fields of `raw` that are not in `known` (undefined values skipped), or undefined if none. */
export function pickExtraFields(
  raw: Readonly<Record<string, unknown>>,
  known: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (known.has(key) || value === undefined) continue;
    extra ??= {};
    extra[key] = value;
  }
  return extra;
}

/** Wraps OpenAI metadata as a providerMetadata map, or nothing when it is empty. */
export function openAIMetadata(
  metadata: OpenAIChatMessageMetadata,
): { readonly providerMetadata?: ProviderMetadata } {
  const entries = Object.entries(metadata).filter(([, value]) => value !== undefined && value !== false);
  return entries.length === 0 ? {} : { providerMetadata: { openai: Object.fromEntries(entries) } };
}

/** Drops properties whose value is undefined, so decoded values compare cleanly. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
