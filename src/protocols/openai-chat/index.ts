export { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';
export { encodeOpenAIChatRequest, type EncodeOpenAIChatRequestOptions } from './encode-openai-chat-request.js';
export {
  openaiChatEventsToCanonical,
  type OpenAIChatEventsToCanonicalOptions,
} from './openai-chat-events-to-canonical.js';
export {
  canonicalToOpenAIChatEvents,
  type CanonicalToOpenAIChatEventsOptions,
} from './canonical-to-openai-chat-events.js';
export { decodeOpenAIChatBody } from './decode-openai-chat-body.js';
export {
  encodeOpenAIChatBody,
  type EncodeOpenAIChatBodyOptions,
  type OpenAIChatCompletionBody,
} from './encode-openai-chat-body.js';
export { renderOpenAIChatError, readOpenAIChatUpstreamError, type OpenAIChatErrorBody } from './openai-chat-error.js';
export { mapOpenAIChatFinishReason, toOpenAIChatFinishReason } from './map-openai-chat-finish-reason.js';
export {
  convertOpenAIChatUsage,
  convertToOpenAIChatUsage,
  type OpenAIChatWireUsage,
} from './convert-openai-chat-usage.js';
export { formatOpenAIChatValidationError, type ValidationProblem } from './format-openai-chat-validation-error.js';
export {
  openAIChatRequestCodec,
  openAIChatMessageCodec,
  type OpenAIChatRequest,
  type OpenAIChatMessage,
} from './openai-chat-wire.js';
export { openAIChatStreamChunkCodec, openAIChatBodyCodec } from './openai-chat-response-wire.js';
export type { OpenAIChatRequestOptions, OpenAIChatMessageMetadata } from './openai-chat-provider-options.js';
