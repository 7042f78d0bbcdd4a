export {
  assertNever,
  mergeUsage,
  type CanonicalChunk,
  type CanonicalChunkType,
  type ChunkError,
  type ChunkOf,
  type FinishReason,
  type FinishReasonUnified,
  type ProviderMetadata,
  type TranslationWarning,
  type Usage,
  type WarningKind,
} from './canonical-chunk.js';
export type {
  AssistantContentPart,
  CanonicalMessage,
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
  CanonicalToolChoice,
  FilePart,
  ImagePart,
  ReasoningEffort,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  UserContentPart,
} from './canonical-request.js';
export type { CanonicalResponse } from './canonical-response.js';
export type { CodecContext } from './codec-context.js';
export type { SseEvent } from './sse-event.js';
export { parseSse } from './parse-sse.js';
export { serializeSse, serializeSseComment } from './serialize-sse.js';
export { mergeProviderMetadata } from './merge-provider-metadata.js';
export { createChunkReducer, type ChunkReducer } from './create-chunk-reducer.js';
export { reduceChunks, reduceChunkArray } from './reduce-chunks.js';
export { parseJsonArrayStream } from './parse-json-array-stream.js';
export { createJsonArrayWriter, type JsonArrayWriter } from './serialize-json-array-stream.js';
