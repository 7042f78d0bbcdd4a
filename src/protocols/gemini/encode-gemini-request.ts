import type { CanonicalRequest, CanonicalToolChoice } from '../../streams/canonical-request.js';
import { encodeGeminiContents } from './encode-gemini-contents.js';
import { encodeGeminiThinkingConfig } from './map-gemini-reasoning.js';
import { sanitizeGeminiSchema } from './sanitize-gemini-schema.js';

export interface EncodeGeminiRequestOptions {
  /** The upstream model id; it goes in the URL, not the body, so it is only used for choices here. */
  readonly model: string;
}

/**
 * Encodes a canonical request as the body of an upstream Gemini `generateContent` /
 * `streamGenerateContent` call (the model and method go in the URL).
 *
 * - messages → `contents` / `systemInstruction` (see `encodeGeminiContents`);
 * - tools → one `functionDeclarations` tool, `parameters` run through `sanitizeGeminiSchema`
 *   (D.13); non-function tools a Gemini client sent (`providerOptions.gemini.tools`) are appended;
 * - toolChoice: auto → AUTO, none → NONE, required → ANY, tool → ANY + `allowedFunctionNames`;
 * - reasoning → `thinkingConfig` (see `geminiThinkingBudgets`);
 * - responseFormat json_schema → `responseMimeType: application/json` + `responseJsonSchema`;
 *   json_object → `responseMimeType` alone;
 * - `providerOptions.gemini` fields (safetySettings, extra generationConfig, unknown top-level
 *   fields) are passed through; canonical fields win where both exist.
 *
 * @example
 * encodeGeminiRequest({ model: 'm', stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, { model: 'gemini-2.5-flash' });
 * // { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }
 * @see https://ai.google.dev/api/generate-content#request-body
 */
export function encodeGeminiRequest(request: CanonicalRequest, options: EncodeGeminiRequestOptions): Record<string, unknown> {
  void options.model; // the body never names the model
  const passthrough: Record<string, unknown> = { ...(request.providerOptions?.gemini ?? {}) };
  const { tools: otherTools, toolConfig: keptToolConfig, generationConfig: extraConfig, ...extraTopLevel } = passthrough;
  const { contents, systemInstruction } = encodeGeminiContents(request.messages);
  const body: Record<string, unknown> = { ...{}, ...extraTopLevel, contents };
  if (systemInstruction !== undefined) body.systemInstruction = systemInstruction;

  const declarations = (request.tools ?? []).map((tool) => {
    const parameters = sanitizeGeminiSchema(tool.parameters);
    return { name: tool.name, ...(tool.description === undefined ? {} : { description: tool.description }), ...(parameters === undefined ? {} : { parameters }) };
  });
  const tools: unknown[] = declarations.length === 0 ? [] : [{ functionDeclarations: declarations }];
  if (Array.isArray(otherTools)) tools.push(...otherTools);
  if (tools.length > 0) body.tools = tools;
  const toolConfig = request.toolChoice === undefined ? keptToolConfig : encodeToolChoice(request.toolChoice);
  if (toolConfig !== undefined && declarations.length > 0) body.toolConfig = toolConfig;

  const generationConfig = encodeGenerationConfig(request, isRecord(extraConfig) ? extraConfig : {});
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}

function encodeToolChoice(choice: CanonicalToolChoice): Record<string, unknown> {
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
    default: {
      const unexpected: never = choice;
      throw new Error(`Unexpected tool choice: ${JSON.stringify(unexpected)}`);
    }
  }
}

function encodeGenerationConfig(request: CanonicalRequest, extra: Record<string, unknown>): Record<string, unknown> {
  const config: Record<string, unknown> = { ...extra };
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) config.stopSequences = [...request.stopSequences];
  if (request.seed !== undefined) config.seed = request.seed;
  const thinking = request.reasoning === undefined ? undefined : encodeGeminiThinkingConfig(request.reasoning);
  if (thinking !== undefined) config.thinkingConfig = thinking;
  const format = request.responseFormat;
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    config.responseJsonSchema = format.schema;
    delete config.responseSchema;
  } else if (format?.type === 'json_object') {
    config.responseMimeType = 'application/json';
  }
  return config;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
