import type { CanonicalRequest } from '../../streams/canonical-request.js';

/** The `providerOptions` key (and `providerMetadata` key for request-side marks) of this protocol. */
export const OPENAI_RESPONSES_KEY = 'openai-responses';

/**
 * Responses-only request fields with no canonical home, kept under
 * `providerOptions['openai-responses']` so an OpenAI Responses upstream receives them unchanged.
 */
export interface OpenAIResponsesProviderOptions {
  readonly store?: boolean;
  readonly include?: readonly string[];
  readonly promptCacheKey?: string;
  readonly clientMetadata?: unknown;
  readonly previousResponseId?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly textVerbosity?: string;
  readonly reasoningSummary?: string;
  /** Tools with no canonical form (`web_search`, `custom`, ...), in wire form. */
  readonly extraTools?: readonly Readonly<Record<string, unknown>>[];
  /** Function name → namespace, for functions flattened out of `namespace` tools. */
  readonly toolNamespaces?: Readonly<Record<string, string>>;
  /** Namespace name → its description, so the namespace can be rebuilt upstream. */
  readonly namespaceDescriptions?: Readonly<Record<string, string>>;
  /** A `tool_choice` with no canonical form (`allowed_tools`, hosted tools), in wire form. */
  readonly toolChoice?: unknown;
  /** Top-level request fields this codec does not know, passed through as they came. */
  readonly extraFields?: Readonly<Record<string, unknown>>;
}

/**
 * Reads this protocol's provider options from a canonical request (empty when absent).
 *
 * @example
 * readOpenAIResponsesProviderOptions(request).store; // false
 */
export function readOpenAIResponsesProviderOptions(request: Pick<CanonicalRequest, 'providerOptions'>): OpenAIResponsesProviderOptions {
  return (request.providerOptions?.[OPENAI_RESPONSES_KEY] ?? {}) as OpenAIResponsesProviderOptions;
}
