export { toolCallSignature, SIGNATURE_MAX_CANONICAL_CHARS, SIGNATURE_MAX_INPUT_BYTES } from './tool-call-signature.js';
export type { ToolLoopInfo } from './tool-loop-info.js';
export { formatToolLoopBlock, formatToolLoopWarning } from './tool-loop-messages.js';
export {
  defaultToolLoopSettings,
  mergeToolLoopSettings,
  parseToolLoopMode,
  toolLoopSettingsFromEnv,
  type ToolLoopMode,
  type ToolLoopSettings,
  type ToolLoopSettingsOverride,
} from './tool-loop-settings.js';
export {
  InMemoryToolLoopTrackerStore,
  type InMemoryToolLoopTrackerStoreOptions,
  type ToolLoopTrackerStore,
} from './tool-loop-store.js';
export { ToolLoopTracker, type ToolLoopDecision, type ToolLoopTrackerOptions } from './tool-loop-tracker.js';
