import type { TranslationWarning } from '../../streams/canonical-chunk.js';
import type { CanonicalTool, CanonicalToolChoice } from '../../streams/canonical-request.js';
import type { GeminiRequest } from './gemini-wire.js';

export interface DecodedGeminiTools {
  readonly tools?: readonly CanonicalTool[];
  readonly toolChoice?: CanonicalToolChoice;
  /** Tool entries that are not function declarations (googleSearch, codeExecution, urlContext...). */
  readonly otherTools?: readonly Record<string, unknown>[];
  /** `toolConfig` when the canonical choice cannot say all of it (several allowed names, VALIDATED). */
  readonly toolConfig?: Record<string, unknown>;
}

/**
 * Reads Gemini `tools` and `toolConfig.functionCallingConfig`.
 * `parameters` (OpenAPI subset: `type: "OBJECT"`, `nullable`) is turned into JSON Schema;
 * `parametersJsonSchema` is taken as is. Modes: `AUTO` → auto, `NONE` → none, `ANY` → required,
 * `ANY` with exactly one allowed name → that tool; `VALIDATED` → auto (kept in `toolConfig`).
 *
 * @example
 * decodeGeminiTools({ contents: [], toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } } }, []);
 * // { toolChoice: { type: 'tool', name: 'f' } }
 */
export function decodeGeminiTools(request: GeminiRequest, warnings: TranslationWarning[]): DecodedGeminiTools {
  const tools: CanonicalTool[] = [];
  const otherTools: Record<string, unknown>[] = [];
  for (const tool of request.tools ?? []) {
    const { functionDeclarations, ...rest } = tool as Record<string, unknown> & typeof tool;
    for (const declaration of functionDeclarations ?? []) {
      const parameters = declaration.parametersJsonSchema ?? (declaration.parameters == null ? undefined : openApiToJsonSchema(declaration.parameters));
      tools.push({
        name: declaration.name,
        ...(declaration.description == null ? {} : { description: declaration.description }),
        parameters: (parameters as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
      });
    }
    if (Object.keys(rest).length > 0) otherTools.push(rest);
  }
  if (otherTools.length > 0) {
    warnings.push({ kind: 'compatibility', message: `Non-function tools (${otherTools.flatMap(Object.keys).join(', ')}) only reach a Gemini upstream.` });
  }
  const config = request.toolConfig?.functionCallingConfig ?? undefined;
  const allowed = config?.allowedFunctionNames ?? [];
  let toolChoice: CanonicalToolChoice | undefined;
  let keepConfig = false;
  switch (config?.mode ?? undefined) {
    case 'AUTO':
      toolChoice = { type: 'auto' };
      break;
    case 'NONE':
      toolChoice = { type: 'none' };
      break;
    case 'ANY':
      toolChoice = allowed.length === 1 ? { type: 'tool', name: allowed[0] } : { type: 'required' };
      keepConfig = allowed.length > 1;
      break;
    case 'VALIDATED':
      toolChoice = { type: 'auto' };
      keepConfig = true;
      break;
    default:
      break;
  }
  if (keepConfig) warnings.push({ kind: 'compatibility', message: 'toolConfig was approximated for non-Gemini upstreams.' });
  return {
    ...{},
    ...(tools.length === 0 ? {} : { tools }),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(otherTools.length === 0 ? {} : { otherTools }),
    ...(keepConfig && request.toolConfig != null ? { toolConfig: request.toolConfig as Record<string, unknown> } : {}),
  };
}

/**
 * Gemini's OpenAPI-style Schema → JSON Schema: `type` names lower-cased, `nullable: true` folded
 * into `type: [t, 'null']`, nested `properties`, `items` and `anyOf` converted too.
 */
export function openApiToJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openApiToJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const result: Record<string, unknown> = {};
  const node = schema as Record<string, unknown>;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' && typeof value === 'string') result.type = value.toLowerCase();
    else if (key === 'nullable') continue;
    else if (key === 'properties' && typeof value === 'object' && value !== null) {
      result.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, openApiToJsonSchema(child)]));
    } else if (key === 'items' || key === 'anyOf') result[key] = openApiToJsonSchema(value);
    else result[key] = value;
  }
  if (node.nullable === true && typeof result.type === 'string') result.type = [result.type, 'null'];
  return result;
}
