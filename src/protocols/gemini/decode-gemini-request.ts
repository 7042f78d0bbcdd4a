import { GatewayError } from '../../errors/gateway-error.js';
import type { TranslationWarning } from '../../streams/canonical-chunk.js';
import type { CanonicalMessage, CanonicalRequest, CanonicalResponseFormat } from '../../streams/canonical-request.js';
import { decodeGeminiContents } from './decode-gemini-contents.js';
import { decodeGeminiTools, openApiToJsonSchema } from './decode-gemini-tools.js';
import { stripGeminiModelPrefix } from './gemini-model-path.js';
import { geminiRequestCodec, type GeminiRequest } from './gemini-wire.js';
import { decodeGeminiThinkingConfig } from './map-gemini-reasoning.js';
import { reportGeminiWireErrors } from './report-gemini-wire-errors.js';

export interface DecodeGeminiRequestOptions {
  /** The model from the URL path (`models/` prefix allowed). */
  readonly model: string;
  /**
   * Kept for the common request-decoder shape. Call ids are *not* drawn from it: they are derived
   * from the history itself so that every turn decodes the same call to the same id.
   */
  readonly generateId: (prefix: string) => string;
  /** Whether the client called `streamGenerateContent` (the body does not say). */
  readonly stream?: boolean;
}

const knownTopLevel = new Set(['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig', 'safetySettings', 'model']);
const knownGenerationConfig = new Set([
  'temperature', 'topP', 'topK', 'maxOutputTokens', 'stopSequences', 'seed', 'thinkingConfig',
  'responseMimeType', 'responseSchema', 'responseJsonSchema', 'candidateCount',
]);

/**
 * Decodes a client's Gemini `generateContent` / `streamGenerateContent` body into a canonical
 * request. Fields with no canonical home (safety settings, non-function tools, unknown
 * generationConfig fields, unknown top-level fields) are kept in `providerOptions.gemini` so a
 * Gemini upstream receives them unchanged.
 *
 * @throws GatewayError `GW_ERR_INVALID_REQUEST` naming the field path (`info.param`) when the body
 *   does not match the Gemini schema.
 * @example
 * decodeGeminiRequest({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }, { model: 'models/gemini-2.5-flash', generateId });
 * // { value: { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], stream: false }, warnings: [] }
 * @see https://ai.google.dev/api/generate-content#request-body
 */
export function decodeGeminiRequest(body: unknown, options: DecodeGeminiRequestOptions): { value: CanonicalRequest; warnings: TranslationWarning[] } {
  const request = validate(body);
  const warnings: TranslationWarning[] = [];
  const messages: CanonicalMessage[] = [];
  const system = systemText(request.systemInstruction);
  if (system.length > 0) messages.push({ role: 'system', content: system });
  messages.push(...decodeGeminiContents(request.contents, warnings));

  const tools = decodeGeminiTools(request, warnings);
  const config = request.generationConfig ?? {};
  const reasoning = config.thinkingConfig == null ? undefined : decodeGeminiThinkingConfig(config.thinkingConfig);
  const responseFormat = decodeResponseFormat(config);
  if ((config.candidateCount ?? 1) > 1) warnings.push({ kind: 'unsupported', message: 'candidateCount > 1: only the first candidate is returned.' });

  const gemini: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) if (!knownTopLevel.has(key)) gemini[key] = value;
  if (request.safetySettings != null) gemini.safetySettings = request.safetySettings;
  if (tools.otherTools !== undefined) gemini.tools = tools.otherTools;
  if (tools.toolConfig !== undefined) gemini.toolConfig = tools.toolConfig;
  const extraConfig = generationConfigExtras(config, responseFormat === undefined);
  if (Object.keys(extraConfig).length > 0) gemini.generationConfig = extraConfig;

  const value: CanonicalRequest = {
    model: stripGeminiModelPrefix(options.model),
    messages,
    stream: options.stream ?? false,
    ...(tools.tools === undefined ? {} : { tools: tools.tools }),
    ...(tools.toolChoice === undefined ? {} : { toolChoice: tools.toolChoice }),
    ...(config.maxOutputTokens == null ? {} : { maxOutputTokens: config.maxOutputTokens }),
    ...(config.temperature == null ? {} : { temperature: config.temperature }),
    ...(config.topP == null ? {} : { topP: config.topP }),
    ...(config.topK == null ? {} : { topK: config.topK }),
    ...(config.stopSequences == null ? {} : { stopSequences: config.stopSequences }),
    ...(config.seed == null ? {} : { seed: config.seed }),
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(responseFormat === undefined ? {} : { responseFormat }),
    ...(Object.keys(gemini).length === 0 ? {} : { providerOptions: { gemini } }),
  };
  return { value, warnings };
}

function validate(body: unknown): GeminiRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', 'The request body must be a JSON object.', { info: { param: '(body)' } });
  }
  const decoded = geminiRequestCodec.decode(body);
  if (decoded._tag === 'Right') return decoded.right;
  const violations = reportGeminiWireErrors(decoded.left);
  const first = violations[0];
  const message = violations.slice(0, 3).map((violation) => `${violation.path}: ${violation.message}`).join('; ');
  throw new GatewayError('GW_ERR_INVALID_REQUEST', `Invalid Gemini request: ${message}`, { info: { param: first?.path } });
}

function systemText(instruction: GeminiRequest['systemInstruction']): string {
  if (instruction == null) return '';
  if (typeof instruction === 'string') return instruction;
  return (instruction.parts ?? []).map((part) => part.text ?? '').filter((text) => text.length > 0).join('\n');
}

function decodeResponseFormat(config: NonNullable<GeminiRequest['generationConfig']>): CanonicalResponseFormat | undefined {
  if (config.responseMimeType !== 'application/json') return undefined;
  const schema = config.responseJsonSchema ?? (config.responseSchema == null ? undefined : (openApiToJsonSchema(config.responseSchema) as Record<string, unknown>));
  return schema == null ? { type: 'json_object' } : { type: 'json_schema', schema };
}

/** generationConfig fields the canonical request cannot hold, for a Gemini upstream. */
function generationConfigExtras(config: Record<string, unknown>, keepResponseFields: boolean): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!knownGenerationConfig.has(key)) extras[key] = value;
  }
  if (typeof config.candidateCount === 'number' && config.candidateCount > 1) extras.candidateCount = config.candidateCount;
  if (keepResponseFields) {
    for (const key of ['responseMimeType', 'responseSchema', 'responseJsonSchema']) if (config[key] != null) extras[key] = config[key];
  }
  return extras;
}
