import type { ToolLoopMode } from './tool-loop-settings.js';

/** Reported through `onLoop` when a tool call is warned about or blocked (logging, metrics). */
export interface ToolLoopInfo {
  readonly action: 'warn' | 'block';
  readonly toolName: string;
  readonly toolCallId: string;
  /** The count that triggered (consecutive run or total within the TTL, whichever is larger). */
  readonly repetitions: number;
  readonly mode: ToolLoopMode;
  /** The text the client receives instead of the call. */
  readonly message: string;
}
