import type { AssistantContentPart, CanonicalMessage, CanonicalRequest, ReasoningPart, ToolCallPart } from '../../streams/canonical-request.js';
import type { SignatureRecord } from './signature-store.js';

/** Looks up what was recorded for a client-visible tool-call id. */
export type SignatureLookup = (toolCallId: string) => SignatureRecord | undefined;

/**
 * Puts recorded signatures back into a request about to go to a backend of `family`, for
 * clients whose protocol could not carry them (OpenAI Chat, Responses, Anthropic ↔ Gemini):
 * - `gemini`: an assistant tool call without `providerMetadata.gemini.thoughtSignature` gets the
 *   one Gemini put on that call (Gemini 3 rejects an unsigned `functionCall` of the current turn);
 * - `anthropic`: an assistant message with tool calls and no signed thinking gets the signed
 *   thinking blocks of its response first (with thinking on, Anthropic wants the assistant turn
 *   before the latest tool results to start with them, text and signature unchanged).
 * Records of another family are never used: a signature only means something to its issuer.
 * Pure; messages without a matching id come back as the same objects, and a second pass
 * changes nothing.
 *
 * @example
 * restoreSignatures(request, (id) => store.get(sessionId, id), 'gemini');
 */
export function restoreSignatures(request: CanonicalRequest, lookup: SignatureLookup, family: string): CanonicalRequest {
  if (family !== 'gemini' && family !== 'anthropic') return request;
  let changed = false;
  const messages = request.messages.map((message) => {
    if (message.role !== 'assistant' || !message.content.some((part) => part.type === 'tool-call')) return message;
    const content = family === 'gemini' ? withThoughtSignatures(message.content, lookup) : withSignedThinking(message.content, lookup);
    if (content === message.content) return message;
    changed = true;
    return { ...{}, ...message, content } satisfies CanonicalMessage;
  });
  return changed ? { ...{}, ...request, messages } : request;
}

function withThoughtSignatures(content: readonly AssistantContentPart[], lookup: SignatureLookup): readonly AssistantContentPart[] {
  let changed = false;
  const restored = content.map((part) => {
    if (part.type !== 'tool-call' || hasThoughtSignature(part)) return part;
    const record = lookup(part.toolCallId);
    if (record?.family !== 'gemini' || record.thoughtSignature === undefined) return part;
    changed = true;
    const gemini = { ...{}, ...part.providerMetadata?.gemini, thoughtSignature: record.thoughtSignature, ...(record.generatedId === true ? { generatedId: true } : {}) };
    return { ...{}, ...part, providerMetadata: { ...{}, ...part.providerMetadata, gemini } } satisfies ToolCallPart;
  });
  return changed ? restored : content;
}

function withSignedThinking(content: readonly AssistantContentPart[], lookup: SignatureLookup): readonly AssistantContentPart[] {
  if (content.some((part) => part.type === 'reasoning' && isSignedThinking(part))) return content;
  const blocks: ReasoningPart[] = [];
  const seen = new Set<string>();
  for (const part of content) {
    if (part.type !== 'tool-call') continue;
    const record = lookup(part.toolCallId);
    if (record?.family !== 'anthropic') continue;
    for (const block of record.reasoning) {
      // Parallel calls of one response share its thinking blocks: each goes back once.
      const key = signatureKey(block);
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      blocks.push(block);
    }
  }
  // First in the message: Anthropic sends thinking before any text or tool_use of its turn.
  return blocks.length === 0 ? content : [...blocks, ...content];
}

function hasThoughtSignature(part: ToolCallPart): boolean {
  const signature = part.providerMetadata?.gemini?.thoughtSignature;
  return typeof signature === 'string' && signature.length > 0;
}

/** Signed or redacted Anthropic thinking (what the Anthropic encoder sends back). */
export function isSignedThinking(part: ReasoningPart): boolean {
  return signatureKey(part) !== undefined;
}

function signatureKey(part: ReasoningPart): string | undefined {
  const anthropic = part.providerMetadata?.anthropic;
  if (typeof anthropic?.redactedData === 'string') return `r:${anthropic.redactedData}`;
  if (typeof anthropic?.signature === 'string' && anthropic.signature.length > 0) return `s:${anthropic.signature}`;
  return undefined;
}
