import type { ProviderMetadata, TranslationWarning } from '../../streams/canonical-chunk.js';
import type {
  AssistantContentPart,
  CanonicalMessage,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../streams/canonical-request.js';
import type { GeminiContent, GeminiPart } from './gemini-wire.js';

type FunctionResponse = NonNullable<GeminiPart['functionResponse']>;

/**
 * Turns Gemini `contents` into canonical messages.
 *
 * Function calls without an `id` get a **deterministic** id (`call_` + a hash of the turn index,
 * part index, name and arguments), so the same history decodes to the same ids on every turn
 * (D.7). A `functionResponse` is linked to its call by `id`, else to the oldest unanswered call
 * with the same name (the k-th response for a name answers the k-th call of that name, D.14).
 * `thoughtSignature` moves to `providerMetadata.gemini.thoughtSignature` on the part. In a user
 * turn, runs of `functionResponse` parts become `tool` messages and other parts `user` messages,
 * in their original order.
 *
 * @example
 * decodeGeminiContents([{ role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] },
 *   { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: 'ok' } } }] }], warnings);
 * // [assistant: tool-call call_x, tool: tool-result call_x 'ok']
 */
export function decodeGeminiContents(contents: readonly GeminiContent[], warnings: TranslationWarning[]): CanonicalMessage[] {
  const pending = new Map<string, string[]>(); // function name -> unanswered call ids, oldest first
  const messages: CanonicalMessage[] = [];
  contents.forEach((content, contentIndex) => {
    if (content.role === 'model') {
      const parts = content.parts.flatMap((part, partIndex) => decodeModelPart(part, `${contentIndex}.${partIndex}`, pending, warnings));
      if (parts.length > 0) messages.push({ role: 'assistant', content: parts });
      return;
    }
    let userParts: UserContentPart[] = [];
    let results: ToolResultPart[] = [];
    const flushUser = (): void => {
      if (userParts.length > 0) messages.push({ role: 'user', content: userParts });
      userParts = [];
    };
    const flushResults = (): void => {
      if (results.length > 0) messages.push({ role: 'tool', content: results });
      results = [];
    };
    content.parts.forEach((part, partIndex) => {
      if (part.functionResponse !== undefined) {
        flushUser();
        results.push(decodeFunctionResponse(part.functionResponse, `${contentIndex}.${partIndex}`, pending));
        return;
      }
      const decoded = decodeUserPart(part, `contents[${contentIndex}].parts[${partIndex}]`, warnings);
      if (decoded === undefined) return;
      flushResults();
      userParts.push(decoded);
    });
    flushResults();
    flushUser();
  });
  return messages;
}

function decodeModelPart(
  part: GeminiPart,
  position: string,
  pending: Map<string, string[]>,
  warnings: TranslationWarning[],
): AssistantContentPart[] {
  const signature = part.thoughtSignature ?? undefined;
  if (part.functionCall !== undefined) {
    const { name } = part.functionCall;
    const args = part.functionCall.args ?? {};
    const given = part.functionCall.id ?? '';
    const toolCallId = given.length > 0 ? given : stableCallId(`${position}:${name}:${JSON.stringify(args)}`);
    const queue = pending.get(name) ?? [];
    queue.push(toolCallId);
    pending.set(name, queue);
    const gemini = { ...{}, ...(signature === undefined ? {} : { thoughtSignature: signature }), ...(given.length > 0 ? {} : { generatedId: true }) };
    return [{ type: 'tool-call', toolCallId, toolName: name, input: JSON.stringify(args), providerMetadata: { gemini } }];
  }
  if (typeof part.text === 'string') {
    const metadata: { providerMetadata?: ProviderMetadata } = signature === undefined ? {} : { providerMetadata: { gemini: { thoughtSignature: signature } } };
    if (part.text.length === 0 && signature === undefined) return [];
    return [part.thought === true ? { type: 'reasoning', text: part.text, ...metadata } : { type: 'text', text: part.text, ...metadata }];
  }
  if (part.inlineData !== undefined || part.fileData !== undefined || part.functionResponse !== undefined) {
    warnings.push({ kind: 'unsupported', message: `A model turn part other than text or functionCall was dropped (${position}).` });
  }
  return [];
}

function decodeUserPart(part: GeminiPart, path: string, warnings: TranslationWarning[]): UserContentPart | undefined {
  if (typeof part.text === 'string') return part.text.length === 0 ? undefined : { type: 'text', text: part.text };
  if (part.inlineData !== undefined) {
    const { mimeType, data } = part.inlineData;
    return mimeType?.startsWith('image/') === true
      ? { type: 'image', mediaType: mimeType, data }
      : { type: 'file', data, ...(mimeType === undefined ? {} : { mediaType: mimeType }) };
  }
  if (part.fileData !== undefined) {
    const { mimeType, fileUri } = part.fileData;
    return mimeType?.startsWith('image/') === true
      ? { type: 'image', mediaType: mimeType, url: fileUri }
      : { type: 'file', url: fileUri, ...(mimeType === undefined ? {} : { mediaType: mimeType }) };
  }
  if (part.functionCall !== undefined) {
    warnings.push({ kind: 'unsupported', message: `A functionCall in a user turn was dropped (${path}).` });
  } else if (Object.keys(part).some((key) => key !== 'thoughtSignature' && key !== 'thought')) {
    warnings.push({ kind: 'unsupported', message: `An unsupported part kind was dropped (${path}: ${Object.keys(part).join(', ')}).` });
  }
  return undefined;
}

function decodeFunctionResponse(response: FunctionResponse, position: string, pending: Map<string, string[]>): ToolResultPart {
  const queue = pending.get(response.name) ?? [];
  const given = response.id ?? '';
  let toolCallId: string;
  if (given.length > 0) {
    toolCallId = given;
    const index = queue.indexOf(given);
    if (index !== -1) queue.splice(index, 1);
  } else {
    toolCallId = queue.shift() ?? stableCallId(`${position}:result:${response.name}`);
  }
  const { text, isError } = responseToText(response.response ?? {});
  const images: ImagePart[] = [];
  for (const part of response.parts ?? []) {
    const inline = part.inlineData as { mimeType?: unknown; data?: unknown } | undefined;
    if (typeof inline?.data === 'string' && typeof inline.mimeType === 'string' && inline.mimeType.startsWith('image/')) {
      images.push({ type: 'image', mediaType: inline.mimeType, data: inline.data });
    }
  }
  const output: (TextPart | ImagePart)[] = [{ type: 'text', text }, ...images];
  return { type: 'tool-result', toolCallId, toolName: response.name, output, ...(isError ? { isError: true } : {}) };
}

/**
 * `{output: "text"}` → that text; `{error: "text"}` → that text as an error; any other object →
 * its JSON (so a round trip through the encoder gives the same object back).
 */
function responseToText(response: Readonly<Record<string, unknown>>): { text: string; isError: boolean } {
  const keys = Object.keys(response);
  if (keys.length === 1 && typeof response.output === 'string') return { text: response.output, isError: false };
  if (keys.length === 1 && typeof response.error === 'string') return { text: response.error, isError: true };
  return { text: JSON.stringify(response), isError: false };
}

/** `call_` + 64-bit FNV-1a of the seed, in base 36: deterministic and `[A-Za-z0-9_]` only. */
export function stableCallId(seed: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let index = 0; index < seed.length; index++) {
    low = (low ^ seed.charCodeAt(index)) >>> 0;
    // multiply the 64-bit (high, low) pair by the FNV prime 0x100000001b3
    const lowProduct = low * 0x1b3;
    const carry = Math.floor(lowProduct / 0x100000000);
    high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + carry) >>> 0;
    low = lowProduct >>> 0;
  }
  return `call_${high.toString(36)}${low.toString(36).padStart(7, '0')}`;
}
