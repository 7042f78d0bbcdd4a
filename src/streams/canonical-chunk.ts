/**
 * The canonical chunk union: every response, whatever protocol it came from or goes to, is an
 * `Observable<CanonicalChunk>`. Codecs turn wire events into these chunks and back; operators
 * transform them.
 *
 * Order contract (checked by property tests):
 * - `stream-start` first when present, `finish` last (an in-band `error` may replace `finish`);
 * - each `*-start` has exactly one `*-end` with the same `id`, and every open block is closed
 *   before `finish`;
 * - a streamed tool call is `tool-input-start` → `tool-input-delta`* → `tool-input-end` and then
 *   one `tool-call` with the complete arguments; a tool call that arrives whole may be a lone
 *   `tool-call` (encoders then synthesise the start/delta themselves).
 *
 * Chunk boundaries carry no meaning: splitting a delta in two must never change a result.
 */

/** Protocol-specific extras, keyed by protocol (`anthropic`, `gemini`, `openai`, ...). */
export type ProviderMetadata = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export type FinishReasonUnified =
  | 'stop'
  | 'length'
  | 'tool-calls'
  | 'content-filter'
  | 'error'
  | 'other';

/** The unified reason plus the provider's own string, so nothing is lost in translation. */
export interface FinishReason {
  readonly unified: FinishReasonUnified;
  readonly raw: string | undefined;
}

/** Token counts; `raw` keeps the provider's numbers as they were sent. */
export interface Usage {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly totalTokens?: number;
  readonly reasoningTokens?: number;
  readonly cachedInputTokens?: number;
  readonly raw?: Readonly<Record<string, unknown>>;
}

export type WarningKind = 'unsupported' | 'compatibility' | 'other';

export interface TranslationWarning {
  readonly kind: WarningKind;
  readonly message: string;
}

/** The serialisable face of a `GatewayError`, carried in-band once bytes have gone out. */
export interface ChunkError {
  readonly code: string;
  readonly statusCode: number;
  readonly message: string;
  /** The upstream provider's own error type or code, when there was one. */
  readonly upstreamType?: string;
  readonly upstreamCode?: string;
  readonly param?: string;
}

export type CanonicalChunk =
  | { readonly type: 'stream-start'; readonly warnings: readonly TranslationWarning[] }
  | {
      readonly type: 'response-metadata';
      readonly id?: string;
      readonly modelId?: string;
      /** Seconds since the epoch, as the upstream reported it. */
      readonly created?: number;
      readonly providerMetadata?: ProviderMetadata;
    }
  | { readonly type: 'text-start'; readonly id: string; readonly providerMetadata?: ProviderMetadata }
  | { readonly type: 'text-delta'; readonly id: string; readonly delta: string }
  | { readonly type: 'text-end'; readonly id: string; readonly providerMetadata?: ProviderMetadata }
  | {
      readonly type: 'reasoning-start';
      readonly id: string;
      readonly providerMetadata?: ProviderMetadata;
    }
  | { readonly type: 'reasoning-delta'; readonly id: string; readonly delta: string }
  | {
      /** Signatures (Anthropic `signature`, Gemini `thoughtSignature`) travel here. */
      readonly type: 'reasoning-end';
      readonly id: string;
      readonly providerMetadata?: ProviderMetadata;
    }
  | {
      readonly type: 'tool-input-start';
      /** The tool call id. */
      readonly id: string;
      readonly toolName: string;
      readonly providerMetadata?: ProviderMetadata;
    }
  | { readonly type: 'tool-input-delta'; readonly id: string; readonly delta: string }
  | { readonly type: 'tool-input-end'; readonly id: string }
  | {
      readonly type: 'tool-call';
      readonly toolCallId: string;
      readonly toolName: string;
      /** The complete arguments as a JSON string (`"{}"` when there are none). */
      readonly input: string;
      readonly providerMetadata?: ProviderMetadata;
    }
  | { readonly type: 'usage'; readonly usage: Usage }
  | {
      readonly type: 'finish';
      readonly finishReason: FinishReason;
      readonly usage: Usage;
      readonly providerMetadata?: ProviderMetadata;
    }
  | { readonly type: 'raw'; readonly rawValue: unknown }
  | { readonly type: 'error'; readonly error: ChunkError };

export type CanonicalChunkType = CanonicalChunk['type'];

/** Narrows a chunk to one member of the union. */
export type ChunkOf<T extends CanonicalChunkType> = Extract<CanonicalChunk, { type: T }>;

/** Used as the `default` branch of every switch over the union. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** Overlays a later usage report on an earlier one: fields the later report has win (never summed). */
export function mergeUsage(base: Usage, next: Usage): Usage {
  return {
    inputTokens: next.inputTokens ?? base.inputTokens,
    outputTokens: next.outputTokens ?? base.outputTokens,
    totalTokens: next.totalTokens ?? base.totalTokens,
    reasoningTokens: next.reasoningTokens ?? base.reasoningTokens,
    cachedInputTokens: next.cachedInputTokens ?? base.cachedInputTokens,
    raw: next.raw ?? base.raw,
  };
}
