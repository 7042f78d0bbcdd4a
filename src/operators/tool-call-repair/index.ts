export type { DetectedToolCall, ScanEvent, ToolCallDetectorName } from './detected-tool-call.js';
export type { JsonRepairInfo, ToolCallRepairInfo } from './tool-call-repair-info.js';
export {
  JSON_REPAIR_BUFFER_CAP_BYTES,
  JSON_REPAIR_MAX_INPUT_BYTES,
  TOOL_CALL_REPAIR_BUFFER_CAP_BYTES,
} from './repair-limits.js';
export { detectJsonToolCall, toolCallFromJsonValue } from './detect-json-tool-call.js';
export { detectFencedToolCall } from './detect-fenced-tool-call.js';
export { detectTaggedToolCall } from './detect-tagged-tool-call.js';
export { detectDirectiveToolCall } from './detect-directive-tool-call.js';
export { ToolCallTextScanner } from './tool-call-text-scanner.js';
export { findToolCalls } from './find-tool-calls.js';
export { completeTruncatedJson, isValidJson, repairJsonArguments } from './repair-json-arguments.js';
export { repairToolCalls, type RepairToolCallsOptions } from '../repair-tool-calls.js';
export { repairJson, type RepairJsonOptions } from '../repair-json.js';
