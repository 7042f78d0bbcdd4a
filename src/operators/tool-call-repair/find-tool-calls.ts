import type { ScanEvent } from './detected-tool-call.js';
import { TOOL_CALL_REPAIR_BUFFER_CAP_BYTES } from './repair-limits.js';
import { ToolCallTextScanner } from './tool-call-text-scanner.js';

/**
 * Splits a whole text into plain text and the tool calls written in it, for declared tools only
 * (an empty `allowedTools` finds nothing). Same rules as the streaming operator.
 *
 * @example
 * findToolCalls('TOOL CALL: f {"a": "b"}', ['f']);
 * // [{ kind: 'call', call: { toolName: 'f', input: '{"a":"b"}', detector: 'directive' } }]
 */
export function findToolCalls(
  text: string,
  allowedTools: readonly string[],
  capBytes: number = TOOL_CALL_REPAIR_BUFFER_CAP_BYTES,
): ScanEvent[] {
  const scanner = new ToolCallTextScanner(allowedTools, capBytes);
  const events = [...scanner.push(text), ...scanner.end()];
  // Merge text split around the block end.
  return events.reduce<ScanEvent[]>((merged, event) => {
    const last = merged[merged.length - 1];
    if (event.kind === 'text' && last?.kind === 'text') merged[merged.length - 1] = { kind: 'text', text: last.text + event.text };
    else merged.push(event);
    return merged;
  }, []);
}
