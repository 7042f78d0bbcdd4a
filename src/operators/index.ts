/**
 * The stream-steering operators, usable on any `Observable<CanonicalChunk>` without the server.
 * Import from `llm-interactive-proxy/operators`.
 */
export { detectRepetitionLoop, formatLoopNotice, type DetectRepetitionLoopOptions } from './detect-repetition-loop.js';
export {
  createLoopDetector,
  defaultLoopDetectionSettings,
  loopDetectionSettingsFromEnv,
  type LoopDetection,
  type LoopDetectionSettings,
  type LoopDetector,
} from './loop-detection/index.js';
export { trackToolCallLoops, type TrackToolCallLoopsOptions } from './track-tool-call-loops.js';
export {
  ToolLoopTracker,
  InMemoryToolLoopTrackerStore,
  defaultToolLoopSettings,
  mergeToolLoopSettings,
  toolLoopSettingsFromEnv,
  toolCallSignature,
  type ToolLoopSettings,
  type ToolLoopTrackerStore,
} from './tool-loop/index.js';
export { repairToolCalls, type RepairToolCallsOptions } from './repair-tool-calls.js';
export { repairJson, type RepairJsonOptions } from './repair-json.js';
export { recoverEmptyResponse, defaultEmptyResponsePrompt, type RecoverEmptyResponseOptions } from './recover-empty-response.js';
