import type { DetectedToolCall, ToolCallDetectorName } from './detected-tool-call.js';

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Arguments as a JSON object string: a dict is serialised; a string must already hold an object. */
function argumentsToInput(value: unknown): string | undefined {
  if (isObject(value)) return JSON.stringify(value);
  if (typeof value === 'string') return isObject(parseJson(value)) ? value : undefined;
  return undefined;
}

function fromNameAndArguments(
  value: unknown,
  allowedTools: readonly string[],
  detector: ToolCallDetectorName,
): DetectedToolCall | undefined {
  if (!isObject(value) || typeof value.name !== 'string' || !('arguments' in value)) return undefined;
  if (!allowedTools.includes(value.name)) return undefined;
  const input = argumentsToInput(value.arguments);
  return input === undefined ? undefined : { toolName: value.name, input, detector };
}

/**
 * Reads a parsed JSON value in one of the accepted shapes (SEED-SPEC §7.1):
 * `{"function_call":{name,arguments}}`, `{"tool":{name,arguments}}` or a bare `{name,arguments}`.
 * The name must be one the request declared.
 */
export function toolCallFromJsonValue(
  value: unknown,
  allowedTools: readonly string[],
  detector: ToolCallDetectorName,
): DetectedToolCall | undefined {
  if (!isObject(value)) return undefined;
  if (isObject(value.function_call)) return fromNameAndArguments(value.function_call, allowedTools, detector);
  if (isObject(value.tool)) return fromNameAndArguments(value.tool, allowedTools, detector);
  return fromNameAndArguments(value, allowedTools, detector);
}

/**
 * Detects a tool call written as one JSON object (surrounding whitespace allowed).
 *
 * @example
 * detectJsonToolCall('{"function_call": {"name": "f", "arguments": {"a": "b"}}}', ['f']);
 * // { toolName: 'f', input: '{"a":"b"}', detector: 'json' }
 */
export function detectJsonToolCall(
  text: string,
  allowedTools: readonly string[],
  detector: ToolCallDetectorName = 'json',
): DetectedToolCall | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  return toolCallFromJsonValue(parseJson(trimmed), allowedTools, detector);
}
