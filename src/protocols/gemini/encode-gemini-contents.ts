import type { ProviderMetadata } from '../../streams/canonical-chunk.js';
import type { CanonicalMessage, FilePart, ImagePart, ToolResultPart, UserContentPart, AssistantContentPart } from '../../streams/canonical-request.js';
import { parseGeminiArgs } from './parse-gemini-args.js';

type Part = Record<string, unknown>;
interface Turn {
  role: 'user' | 'model';
  parts: Part[];
}

interface CallInfo {
  readonly name: string;
  readonly generatedId: boolean;
}

/**
 * Turns canonical messages into Gemini `contents` plus `systemInstruction` (PROTOCOLS.md A.7):
 * - system messages → `systemInstruction.parts`;
 * - user/assistant → `user`/`model` turns, same-role neighbours merged, empty parts dropped;
 * - tool calls → `functionCall {name, args, id}` with `thoughtSignature` from
 *   `providerMetadata.gemini.thoughtSignature` (D.12); the first call of a model turn that has
 *   none gets `skip_thought_signature_validator` (see `skipThoughtSignature`); `id` is left out
 *   when the gateway made it up (`providerMetadata.gemini.generatedId`);
 * - tool results → `functionResponse {name, response, id}` in the following user turn, the name
 *   looked up from the call when missing; `response` is the JSON object the text holds, else
 *   `{output: text}` (`{error: text}` for an error result). Exactly one response per call (D.14):
 *   duplicates are dropped, and a call left unanswered before the conversation moves on gets
 *   `{error: "No result was provided for this call."}`; responses are put first, in call order.
 *
 * @example
 * encodeGeminiContents([{ role: 'system', content: 'Be brief' }, { role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
 * // { systemInstruction: { parts: [{ text: 'Be brief' }] }, contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }
 */
export function encodeGeminiContents(messages: readonly CanonicalMessage[]): { contents: Turn[]; systemInstruction?: { parts: Part[] } } {
  const calls = new Map<string, CallInfo>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content) {
      if (part.type === 'tool-call') calls.set(part.toolCallId, { name: part.toolName, generatedId: part.providerMetadata?.gemini?.generatedId === true });
    }
  }
  const system: Part[] = [];
  const turns: Turn[] = [];
  const answered = new Set<string>();
  const push = (role: Turn['role'], parts: Part[]): void => {
    if (parts.length === 0) return;
    const last = turns[turns.length - 1];
    if (last !== undefined && last.role === role) last.parts.push(...parts);
    else turns.push({ role, parts });
  };
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        if (message.content.length > 0) system.push({ text: message.content });
        break;
      case 'user':
        push('user', message.content.map(encodeUserPart).filter((part): part is Part => part !== undefined));
        break;
      case 'assistant':
        push('model', message.content.map((part) => encodeAssistantPart(part, calls)).filter((part): part is Part => part !== undefined));
        break;
      case 'tool':
        push('user', message.content.flatMap((part) => encodeToolResult(part, calls, answered)));
        break;
      default: {
        const unexpected: never = message;
        throw new Error(`Unexpected message: ${JSON.stringify(unexpected)}`);
      }
    }
  }
  completeResponses(turns);
  signFirstCalls(turns);
  return { contents: turns, ...(system.length === 0 ? {} : { systemInstruction: { parts: system } }) };
}

function signed(metadata: ProviderMetadata | undefined): { thoughtSignature?: string } {
  const signature = metadata?.gemini?.thoughtSignature;
  return typeof signature === 'string' && signature.length > 0 ? { thoughtSignature: signature } : {};
}

function encodeAssistantPart(part: AssistantContentPart, calls: Map<string, CallInfo>): Part | undefined {
  const signature = signed(part.providerMetadata);
  switch (part.type) {
    case 'text':
      return part.text.length === 0 && signature.thoughtSignature === undefined ? undefined : { text: part.text, ...signature };
    case 'reasoning':
      return part.text.length === 0 && signature.thoughtSignature === undefined ? undefined : { text: part.text, thought: true, ...signature };
    case 'tool-call': {
      const generated = calls.get(part.toolCallId)?.generatedId === true;
      return { functionCall: { name: part.toolName, args: parseGeminiArgs(part.input), ...(generated ? {} : { id: part.toolCallId }) }, ...signature };
    }
    default: {
      const unexpected: never = part;
      throw new Error(`Unexpected assistant part: ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * The placeholder Google documents for histories whose calls were not made by this model (another
 * model, another client, a lost signature): Gemini 3 rejects the current turn's first unsigned
 * `functionCall` with 400 "Function call is missing a thought_signature", and accepts this value
 * instead of a real signature. Gemini CLI sends it itself.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const skipThoughtSignature = 'skip_thought_signature_validator';

/**
 * Gives the first `functionCall` of each model turn the placeholder signature when it has none
 * (only the first call of a step carries a signature; parallel calls after it never do). A real
 * signature, restored by the gateway or sent by a Gemini client, always wins.
 */
function signFirstCalls(turns: readonly Turn[]): void {
  for (const turn of turns) {
    if (turn.role !== 'model') continue;
    const first = turn.parts.find((part) => part.functionCall !== undefined);
    if (first !== undefined && first.thoughtSignature === undefined) first.thoughtSignature = skipThoughtSignature;
  }
}

function encodeUserPart(part: UserContentPart): Part | undefined {
  if (part.type === 'text') return part.text.length === 0 ? undefined : { text: part.text };
  return encodeMedia(part);
}

/** base64 → `inlineData`; a `data:` URL is split; other URLs and file ids → `fileData`. */
function encodeMedia(part: ImagePart | FilePart): Part | undefined {
  const fallbackType = part.type === 'image' ? 'image/jpeg' : 'application/octet-stream';
  if (part.data !== undefined) return { inlineData: { mimeType: part.mediaType ?? fallbackType, data: part.data } };
  if (part.url !== undefined) {
    const dataUrl = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(part.url);
    if (dataUrl !== null) return { inlineData: { mimeType: dataUrl[1] ?? part.mediaType ?? fallbackType, data: dataUrl[2] } };
    return { fileData: { mimeType: part.mediaType ?? guessMimeType(part.url) ?? fallbackType, fileUri: part.url } };
  }
  if (part.type === 'file' && part.fileId !== undefined) {
    return { fileData: { mimeType: part.mediaType ?? fallbackType, fileUri: part.fileId } };
  }
  return undefined;
}

function guessMimeType(url: string): string | undefined {
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  const types: Record<string, string> = {
    png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
    pdf: 'application/pdf', mp3: 'audio/mpeg', wav: 'audio/wav', mp4: 'video/mp4', txt: 'text/plain',
  };
  return extension === undefined ? undefined : types[extension];
}

function encodeToolResult(part: ToolResultPart, calls: Map<string, CallInfo>, answered: Set<string>): Part[] {
  if (answered.has(part.toolCallId)) return [];
  const call = calls.get(part.toolCallId);
  const name = part.toolName ?? call?.name;
  if (name === undefined) return []; // Gemini needs the name; a result for an unknown call cannot be sent
  answered.add(part.toolCallId);
  const text = part.output.map((output) => (output.type === 'text' ? output.text : '')).join('');
  return [{ functionResponse: { name, response: responseOf(text, part.isError === true), ...(call?.generatedId === true ? {} : { id: part.toolCallId }) } }];
}

function responseOf(text: string, isError: boolean): Record<string, unknown> {
  if (isError) return { error: text };
  if (text.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // plain text that happens to start with a brace
    }
  }
  return { output: text };
}

/** Puts each model turn's responses first (in call order) in the next turn, filling gaps and dropping strays. */
function completeResponses(turns: Turn[]): void {
  for (let index = 0; index + 1 < turns.length; index++) {
    const callParts = turns[index].role === 'model' ? turns[index].parts.filter((part) => part.functionCall !== undefined) : [];
    const next = turns[index + 1];
    if (callParts.length === 0 || next.role !== 'user') continue;
    const responses = next.parts.filter((part) => part.functionResponse !== undefined);
    const others = next.parts.filter((part) => part.functionResponse === undefined);
    const ordered: Part[] = [];
    const used = new Set<Part>();
    const takeFor = (call: Record<string, unknown>): Part | undefined => {
      const byId = call.id === undefined ? undefined : responses.find((part) => !used.has(part) && (part.functionResponse as Part).id === call.id);
      return byId ?? (call.id === undefined ? responses.find((part) => !used.has(part) && (part.functionResponse as Part).name === call.name) : undefined);
    };
    for (const callPart of callParts) {
      const call = callPart.functionCall as Record<string, unknown>;
      const response = takeFor(call) ?? {
        functionResponse: { name: call.name, response: { error: 'No result was provided for this call.' }, ...(call.id === undefined ? {} : { id: call.id }) },
      };
      used.add(response);
      ordered.push(response);
    }
    next.parts = [...ordered, ...others]; // a response that answers none of these calls would break the count
  }
}
