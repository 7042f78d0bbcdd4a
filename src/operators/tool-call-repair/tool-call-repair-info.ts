import type { ToolCallDetectorName } from './detected-tool-call.js';

/** What `repairToolCalls` reports through `onRepair` (for logs and metrics). */
export type ToolCallRepairInfo =
  | {
      /** A tool call written as text was turned into a structured call. */
      readonly kind: 'text-tool-call';
      readonly toolCallId: string;
      readonly toolName: string;
      readonly detector: ToolCallDetectorName;
    }
  | {
      /** Truncated native arguments were completed by appending `suffix`. */
      readonly kind: 'completed-arguments';
      readonly toolCallId: string;
      readonly suffix: string;
    };

/** What `repairJson` reports through `onRepair`. */
export interface JsonRepairInfo {
  readonly toolCallId: string;
  readonly original: string;
  readonly repaired: string;
}
