import type { DetectedToolCall } from './detected-tool-call.js';

/** Directive keywords, lower case; matched case-insensitively at the start of a line. */
export const directiveKeywords: readonly string[] = ['tool call:', 'function call:'];

/** Characters that end a tool name in a directive. */
export function endsDirectiveName(char: string): boolean {
  return /[\s{[(]/.test(char);
}

function argumentsFromRest(rest: string): string {
  if (rest === '') return '{}';
  if (rest.startsWith('{') || rest.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(rest));
    } catch {
      // Not JSON after all: it is wrapped like any other text below.
    }
  }
  return JSON.stringify({ args: rest });
}

/**
 * Detects a text directive `TOOL CALL: name {json}` or `Function call: name rest` (keyword
 * case-insensitive). JSON arguments are used as given (compacted); any other rest of the line is
 * wrapped as `{"args":"<text>"}` (SEED-SPEC §7.1).
 *
 * @example
 * detectDirectiveToolCall('TOOL CALL: f {"a": "b"}', ['f']); // { toolName: 'f', input: '{"a":"b"}', … }
 * detectDirectiveToolCall('Function call: run ls -la', ['run']); // input '{"args":"ls -la"}'
 */
export function detectDirectiveToolCall(text: string, allowedTools: readonly string[]): DetectedToolCall | undefined {
  const lower = text.toLowerCase();
  const keyword = directiveKeywords.find((candidate) => lower.startsWith(candidate));
  if (keyword === undefined) return undefined;
  let position = keyword.length;
  while (text[position] === ' ' || text[position] === '\t') position++;
  const nameStart = position;
  while (position < text.length && !endsDirectiveName(text[position])) position++;
  const toolName = text.slice(nameStart, position);
  if (!allowedTools.includes(toolName)) return undefined;
  return { toolName, input: argumentsFromRest(text.slice(position).trim()), detector: 'directive' };
}
