import type { DetectedToolCall } from './detected-tool-call.js';
import { detectJsonToolCall } from './detect-json-tool-call.js';

const fencePattern = /^```(json)?[ \t\r]*\n([\s\S]*?)```$/i;

/**
 * Detects a tool call that is the whole body of a ```` ``` ```` or ```` ```json ```` fence.
 *
 * @example
 * detectFencedToolCall('```json\n{"tool": {"name": "f", "arguments": {}}}\n```', ['f']);
 * // { toolName: 'f', input: '{}', detector: 'fenced-json' }
 */
export function detectFencedToolCall(text: string, allowedTools: readonly string[]): DetectedToolCall | undefined {
  const match = fencePattern.exec(text);
  if (match === null) return undefined;
  return detectJsonToolCall(match[2], allowedTools, 'fenced-json');
}
