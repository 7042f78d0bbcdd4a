export { anthropicEventsToCanonical } from './anthropic-events-to-canonical.js';
export { canonicalToAnthropicEvents, type CanonicalToAnthropicEventsOptions } from './canonical-to-anthropic-events.js';
export { decodeAnthropicRequest } from './decode-anthropic-request.js';
export { encodeAnthropicRequest, type EncodeAnthropicRequestOptions } from './encode-anthropic-request.js';
export { decodeAnthropicBody } from './decode-anthropic-body.js';
export { encodeAnthropicBody, type AnthropicMessageReply } from './encode-anthropic-body.js';
export {
  renderAnthropicError,
  readAnthropicUpstreamError,
  anthropicStreamErrorPayload,
  anthropicErrorTypeForStatus,
  anthropicStatusForErrorType,
  type AnthropicErrorBody,
} from './anthropic-error.js';
export {
  mapAnthropicFinishReason,
  toAnthropicStopReason,
  isAnthropicStopReason,
  type AnthropicStopReason,
} from './map-anthropic-finish-reason.js';
export { convertAnthropicUsage, overlayAnthropicUsage, toAnthropicUsage, type AnthropicUsageOut } from './convert-anthropic-usage.js';
export {
  anthropicThinkingBudgets,
  anthropicMinimumThinkingBudget,
  planAnthropicThinking,
  type AnthropicThinkingPlan,
} from './map-anthropic-reasoning.js';
export { sanitizeAnthropicToolId } from './sanitize-anthropic-tool-id.js';
export { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
export { anthropicRequestCodec, type AnthropicRequest } from './anthropic-wire.js';
