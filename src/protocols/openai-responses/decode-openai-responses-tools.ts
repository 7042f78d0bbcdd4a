import type { TranslationWarning } from '../../streams/canonical-chunk.js';
import type { CanonicalTool, CanonicalToolChoice } from '../../streams/canonical-request.js';
import type { ResponsesFunctionTool, ResponsesNamespaceTool, ResponsesTool } from './openai-responses-wire.js';

export interface DecodedResponsesTools {
  readonly tools: CanonicalTool[];
  /** Function name → namespace, for functions flattened out of a `namespace` tool. */
  readonly toolNamespaces: Record<string, string>;
  /** Namespace name → description, for flattened namespaces. */
  readonly namespaceDescriptions: Record<string, string>;
  /** Tools with no canonical form (`web_search`, `custom`, `local_shell`, complex namespaces), kept whole. */
  readonly extraTools: Readonly<Record<string, unknown>>[];
}

const emptySchema: Readonly<Record<string, unknown>> = { type: 'object', properties: {} };

/**
 * Splits Responses tools into canonical function tools and the rest.
 *
 * A `namespace` tool (Codex CLI) whose members are all plain functions is flattened: each
 * function becomes a canonical tool under its own name, and the namespace is remembered so the
 * reply's `function_call` items can carry it again. A flattened name that collides with another
 * tool, or a namespace holding non-function tools, keeps the whole namespace in `extraTools`.
 *
 * @example
 * decodeOpenAIResponsesTools([{ type: 'function', name: 'ls', parameters: {} }, { type: 'web_search' }], []);
 * // { tools: [{ name: 'ls', parameters: {} }], toolNamespaces: {}, namespaceDescriptions: {}, extraTools: [{ type: 'web_search' }] }
 */
export function decodeOpenAIResponsesTools(tools: readonly ResponsesTool[], warnings: TranslationWarning[]): DecodedResponsesTools {
  const result: DecodedResponsesTools = { tools: [], toolNamespaces: {}, namespaceDescriptions: {}, extraTools: [] };
  const names = new Set<string>();
  for (const tool of tools) if (tool.type === 'function') names.add((tool as ResponsesFunctionTool).name);
  for (const tool of tools) {
    if (tool.type === 'function') result.tools.push(toCanonicalTool(tool as ResponsesFunctionTool));
    else if (tool.type === 'namespace' && flattenNamespace(tool as ResponsesNamespaceTool, names, result)) continue;
    else {
      result.extraTools.push(tool as Readonly<Record<string, unknown>>);
      warnings.push({ kind: 'compatibility', message: `tool type '${tool.type}' has no canonical form; only an OpenAI Responses upstream receives it` });
    }
  }
  return result;
}

function flattenNamespace(namespace: ResponsesNamespaceTool, names: Set<string>, result: DecodedResponsesTools): boolean {
  const members = namespace.tools;
  const simple = members.every(
    (member) => member.type === 'function' && typeof member.name === 'string' && !names.has(member.name),
  );
  if (!simple) return false;
  result.namespaceDescriptions[namespace.name] = namespace.description ?? '';
  for (const member of members) {
    const tool = toCanonicalTool(member as unknown as ResponsesFunctionTool);
    names.add(tool.name);
    result.tools.push(tool);
    result.toolNamespaces[tool.name] = namespace.name;
  }
  return true;
}

function toCanonicalTool(tool: ResponsesFunctionTool): CanonicalTool {
  return {
    name: tool.name,
    ...(tool.description == null ? {} : { description: tool.description }),
    parameters: tool.parameters ?? emptySchema,
    ...(tool.strict == null ? {} : { strict: tool.strict }),
  };
}

/**
 * Reads `tool_choice`: `auto` / `none` / `required` / `{type:'function', name}`. Other forms
 * (`allowed_tools`, hosted-tool choices) return `undefined`; the caller keeps them raw.
 *
 * @example
 * decodeOpenAIResponsesToolChoice({ type: 'function', name: 'ls' }); // { type: 'tool', name: 'ls' }
 */
export function decodeOpenAIResponsesToolChoice(choice: unknown): CanonicalToolChoice | undefined {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return { type: choice };
  if (typeof choice === 'object' && choice !== null) {
    const { type, name } = choice as { type?: unknown; name?: unknown };
    if (type === 'function' && typeof name === 'string') return { type: 'tool', name };
  }
  return undefined;
}
