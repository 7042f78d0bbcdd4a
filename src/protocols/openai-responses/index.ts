export {
  responsesRequestCodec,
  responsesStreamEventCodec,
  responsesResponseCodec,
  type ResponsesRequest,
  type ResponsesStreamEvent,
  type ResponsesResponse,
} from './openai-responses-wire.js';
export {
  decodeOpenAIResponsesRequest,
  type DecodeOpenAIResponsesRequestOptions,
} from './decode-openai-responses-request.js';
export {
  encodeOpenAIResponsesRequest,
  type EncodeOpenAIResponsesRequestOptions,
} from './encode-openai-responses-request.js';
export {
  OPENAI_RESPONSES_KEY,
  readOpenAIResponsesProviderOptions,
  type OpenAIResponsesProviderOptions,
} from './openai-responses-provider-options.js';
export {
  canonicalToOpenAIResponsesEvents,
  type CanonicalToOpenAIResponsesEventsOptions,
} from './canonical-to-openai-responses-events.js';
export {
  openAIResponsesEventsToCanonical,
  type OpenAIResponsesEventsToCanonicalOptions,
} from './openai-responses-events-to-canonical.js';
export {
  buildOpenAIResponsesObject,
  buildResponsesObject,
  openAIResponsesEchoFromRequest,
  type BuildOpenAIResponsesObjectParams,
  type OpenAIResponsesEcho,
} from './build-openai-responses-object.js';
export { decodeOpenAIResponsesBody } from './decode-openai-responses-body.js';
export { encodeOpenAIResponsesBody, type EncodeOpenAIResponsesBodyOptions } from './encode-openai-responses-body.js';
export {
  renderOpenAIResponsesError,
  readOpenAIResponsesError,
  toOpenAIResponsesErrorEvent,
  chunkErrorFromOpenAIResponsesError,
  type OpenAIResponsesErrorBody,
} from './openai-responses-error.js';
export {
  mapOpenAIResponsesFinishReason,
  toOpenAIResponsesOutcome,
  type OpenAIResponsesOutcome,
} from './map-openai-responses-finish-reason.js';
export {
  convertOpenAIResponsesUsage,
  toOpenAIResponsesUsage,
  type OpenAIResponsesWireUsage,
} from './convert-openai-responses-usage.js';
export { checkResponsesLifecycle, type ResponsesLifecycleEvent } from './check-responses-lifecycle.js';
