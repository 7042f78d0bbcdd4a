import type { ProviderMetadata } from './canonical-chunk.js';

/**
 * The canonical request every front-end decodes into and every backend encodes from.
 * Protocol-specific fields that have no canonical home travel in `providerOptions[protocol]`
 * so that a same-protocol backend can pass them on unchanged.
 */

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
  readonly providerMetadata?: ProviderMetadata;
}

/** An image as a base64 payload with its media type, or as a URL. */
export interface ImagePart {
  readonly type: 'image';
  readonly mediaType?: string;
  readonly data?: string;
  readonly url?: string;
  readonly detail?: string;
}

/** A file or document (PDF, audio...) as base64 data, a URL, or a provider file id. */
export interface FilePart {
  readonly type: 'file';
  readonly mediaType?: string;
  readonly data?: string;
  readonly url?: string;
  readonly fileId?: string;
  readonly filename?: string;
}

export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly text: string;
  /** Opaque signatures, per provider; dropped when the history goes to another provider. */
  readonly providerMetadata?: ProviderMetadata;
}

export interface ToolCallPart {
  readonly type: 'tool-call';
  readonly toolCallId: string;
  readonly toolName: string;
  /** Arguments as a JSON string. */
  readonly input: string;
  readonly providerMetadata?: ProviderMetadata;
}

export interface ToolResultPart {
  readonly type: 'tool-result';
  readonly toolCallId: string;
  /** Known when the protocol sends it (Anthropic does not, Gemini does); else looked up. */
  readonly toolName?: string;
  readonly output: readonly (TextPart | ImagePart)[];
  readonly isError?: boolean;
}

export type UserContentPart = TextPart | ImagePart | FilePart;
export type AssistantContentPart = TextPart | ReasoningPart | ToolCallPart;

export type CanonicalMessage =
  | {
      readonly role: 'system';
      readonly content: string;
      /** `developer` in OpenAI terms; kept so an OpenAI upstream gets the same role back. */
      readonly developer?: boolean;
      readonly providerMetadata?: ProviderMetadata;
    }
  | {
      readonly role: 'user';
      readonly content: readonly UserContentPart[];
      readonly providerMetadata?: ProviderMetadata;
    }
  | {
      readonly role: 'assistant';
      readonly content: readonly AssistantContentPart[];
      readonly providerMetadata?: ProviderMetadata;
    }
  | {
      readonly role: 'tool';
      readonly content: readonly ToolResultPart[];
      readonly providerMetadata?: ProviderMetadata;
    };

export interface CanonicalTool {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments object. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly strict?: boolean;
}

export type CanonicalToolChoice =
  | { readonly type: 'auto' }
  | { readonly type: 'none' }
  | { readonly type: 'required' }
  | { readonly type: 'tool'; readonly name: string };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface CanonicalReasoning {
  readonly effort?: ReasoningEffort;
  /** Explicit thinking budget in tokens (Anthropic `budget_tokens`, Gemini `thinkingBudget`). */
  readonly budgetTokens?: number;
  /** Whether the client wants reasoning text back. */
  readonly includeThoughts?: boolean;
}

export type CanonicalResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json_object' }
  | {
      readonly type: 'json_schema';
      readonly name?: string;
      readonly schema: Readonly<Record<string, unknown>>;
      readonly strict?: boolean;
    };

export interface CanonicalRequest {
  /** As the client asked for it, possibly `backend:model` or a route name. */
  readonly model: string;
  readonly messages: readonly CanonicalMessage[];
  readonly tools?: readonly CanonicalTool[];
  readonly toolChoice?: CanonicalToolChoice;
  readonly parallelToolCalls?: boolean;
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly stopSequences?: readonly string[];
  readonly seed?: number;
  readonly reasoning?: CanonicalReasoning;
  readonly responseFormat?: CanonicalResponseFormat;
  /** Whether the client asked for a stream; upstream calls stream regardless. */
  readonly stream: boolean;
  /** OpenAI `stream_options.include_usage`: the client wants a trailing usage chunk. */
  readonly includeUsage?: boolean;
  readonly user?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Fields of the client's wire request that have no canonical home, keyed by protocol. */
  readonly providerOptions?: ProviderMetadata;
}
