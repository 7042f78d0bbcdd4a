import type { DetectedToolCall } from './detected-tool-call.js';
import { detectJsonToolCall } from './detect-json-tool-call.js';

const argumentTagPattern = /<([A-Za-z_][\w.:-]*)>/y;

/** One line break at each end of a value belongs to the layout, not the value (Cline does the same). */
function trimLayoutNewlines(value: string): string {
  return value.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
}

/** Reads `<arg>value</arg>` children separated by whitespace; `undefined` for anything else. */
function readXmlArguments(body: string): Record<string, string> | undefined {
  const argumentsByName: Record<string, string> = {};
  let position = 0;
  for (;;) {
    while (position < body.length && /\s/.test(body[position])) position++;
    if (position === body.length) return argumentsByName;
    argumentTagPattern.lastIndex = position;
    const open = argumentTagPattern.exec(body);
    if (open === null) return undefined;
    const closing = `</${open[1]}>`;
    const valueStart = position + open[0].length;
    const closeAt = body.indexOf(closing, valueStart);
    if (closeAt < 0) return undefined;
    argumentsByName[open[1]] = trimLayoutNewlines(body.slice(valueStart, closeAt));
    position = closeAt + closing.length;
  }
}

/**
 * Detects a tool call written as tags: Hermes/Qwen `<tool_call>{json}</tool_call>`, or the
 * Kilo/Cline XML form `<toolname><arg>value</arg>…</toolname>` for DECLARED tool names only
 * (so `<brain_dump>` or `<thinking>` are never taken for calls). XML argument values are strings.
 *
 * @example
 * detectTaggedToolCall('<patch_file><path>a.py</path></patch_file>', ['patch_file']);
 * // { toolName: 'patch_file', input: '{"path":"a.py"}', detector: 'xml-tags' }
 */
export function detectTaggedToolCall(text: string, allowedTools: readonly string[]): DetectedToolCall | undefined {
  if (text.startsWith('<tool_call>') && text.endsWith('</tool_call>')) {
    return detectJsonToolCall(text.slice('<tool_call>'.length, -'</tool_call>'.length), allowedTools, 'tool-call-tag');
  }
  const toolName = allowedTools.find((name) => text.startsWith(`<${name}>`) && text.endsWith(`</${name}>`));
  if (toolName === undefined) return undefined;
  const body = text.slice(toolName.length + 2, text.length - toolName.length - 3);
  const argumentsByName = readXmlArguments(body);
  return argumentsByName === undefined
    ? undefined
    : { toolName, input: JSON.stringify(argumentsByName), detector: 'xml-tags' };
}
