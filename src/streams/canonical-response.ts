import type { FinishReason, ProviderMetadata, TranslationWarning, Usage } from './canonical-chunk.js';
import type { AssistantContentPart } from './canonical-request.js';

/**
 * One complete response: what `reduceChunks` makes of a chunk stream, and what the non-streaming
 * encoders render. Content parts keep the order in which their blocks started.
 */
export interface CanonicalResponse {
  readonly id?: string;
  readonly modelId?: string;
  /** Seconds since the epoch. */
  readonly created?: number;
  readonly content: readonly AssistantContentPart[];
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  readonly warnings: readonly TranslationWarning[];
  readonly providerMetadata?: ProviderMetadata;
}
