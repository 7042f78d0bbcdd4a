import type { TranslationWarning } from '../../streams/canonical-chunk.js';
import type {
  AssistantContentPart,
  CanonicalMessage,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../streams/canonical-request.js';
import { isRecord } from './openai-chat-codec-helpers.js';
import { parseDataUrl } from './openai-chat-data-url.js';
import { openAIMetadata, pickExtraFields } from './openai-chat-provider-options.js';
import {
  knownOpenAIChatMessageFields,
  type OpenAIChatMessage,
  type OpenAIChatToolResultPart,
  type OpenAIChatUserPart,
} from './openai-chat-wire.js';

type MessageOf<R extends OpenAIChatMessage['role']> = Extract<OpenAIChatMessage, { role: R }>;
type Raw = Readonly<Record<string, unknown>>;

const knownTextPartFields: ReadonlySet<string> = new Set(['type', 'text']);
const knownToolCallFields: ReadonlySet<string> = new Set(['id', 'type', 'function']);

/** Legacy `function_call` turns have no ids; this pairs them with their `function` results. */
interface DecodeState {
  readonly pendingLegacyCalls: Map<string, string[]>;
  readonly warnings: TranslationWarning[];
}

function textPart(text: string, raw: unknown): TextPart {
  const extraFields = isRecord(raw) ? pickExtraFields(raw, knownTextPartFields) : undefined;
  return { type: 'text', text, ...openAIMetadata({ extraFields }) };
}

function imagePart(imageUrl: { url: string; detail?: string | null }): ImagePart {
  const parsed = parseDataUrl(imageUrl.url);
  const detail = imageUrl.detail ?? undefined;
  return {
    type: 'image',
    ...(parsed === undefined ? { url: imageUrl.url } : { mediaType: parsed.mediaType, data: parsed.data }),
    ...(detail === undefined ? {} : { detail }),
  };
}

const audioMediaTypes: Readonly<Record<string, string>> = { mp3: 'audio/mpeg', wav: 'audio/wav' };

function userPart(part: OpenAIChatUserPart, raw: unknown): UserContentPart {
  switch (part.type) {
    case 'text':
      return textPart(part.text, raw);
    case 'image_url':
      return imagePart(part.image_url);
    case 'input_audio':
      return {
        type: 'file',
        mediaType: audioMediaTypes[part.input_audio.format] ?? `audio/${part.input_audio.format}`,
        data: part.input_audio.data,
      };
    case 'file': {
      const fileData = part.file.file_data ?? undefined;
      const parsed = fileData === undefined ? undefined : parseDataUrl(fileData);
      return {
        type: 'file',
        ...(parsed === undefined ? (fileData === undefined ? {} : { data: fileData }) : parsed),
        ...(part.file.file_id == null ? {} : { fileId: part.file.file_id }),
        ...(part.file.filename == null ? {} : { filename: part.file.filename }),
      };
    }
  }
}

function toolOutput(content: string | readonly OpenAIChatToolResultPart[], raw: unknown): ToolResultPart['output'] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const rawParts = isRecord(raw) && Array.isArray(raw.content) ? raw.content : [];
  return content.map((part, index) =>
    part.type === 'text' ? textPart(part.text, rawParts[index]) : imagePart(part.image_url),
  );
}

function assistantContent(message: MessageOf<'assistant'>, raw: Raw, state: DecodeState, index: number) {
  const parts: AssistantContentPart[] = [];
  if (message.reasoning_content != null && message.reasoning_content !== '') {
    parts.push({ type: 'reasoning', text: message.reasoning_content });
  }
  const rawParts = Array.isArray(raw.content) ? raw.content : [];
  if (typeof message.content === 'string') {
    if (message.content !== '') parts.push({ type: 'text', text: message.content });
  } else if (Array.isArray(message.content)) {
    message.content.forEach((part, partIndex) =>
      parts.push(
        part.type === 'text'
          ? textPart(part.text, rawParts[partIndex])
          : { type: 'text', text: part.refusal, providerMetadata: { openai: { refusal: true } } },
      ),
    );
  }
  for (const call of message.tool_calls ?? []) {
    const extraFields = pickExtraFields(call as Raw, knownToolCallFields);
    parts.push({
      type: 'tool-call',
      toolCallId: call.id,
      toolName: call.function.name,
      input: call.function.arguments,
      ...openAIMetadata({ extraFields }),
    });
  }
  if (message.function_call != null) {
    // The legacy form has no id: make a stable one and remember it for the `function` result.
    const toolCallId = `call_legacy_${index}`;
    const pending = state.pendingLegacyCalls.get(message.function_call.name) ?? [];
    state.pendingLegacyCalls.set(message.function_call.name, [...pending, toolCallId]);
    parts.push({ type: 'tool-call', toolCallId, toolName: message.function_call.name, input: message.function_call.arguments });
  }
  return parts;
}

function decodeMessage(message: OpenAIChatMessage, raw: Raw, state: DecodeState, index: number): CanonicalMessage {
  const extraFields = pickExtraFields(raw, knownOpenAIChatMessageFields[message.role]);
  const contentParts = Array.isArray(raw.content);
  const metadata = openAIMetadata({ extraFields, contentParts });
  switch (message.role) {
    case 'system':
    case 'developer': {
      const content = typeof message.content === 'string' ? message.content : message.content.map((part) => part.text).join('\n');
      return { role: 'system', content, ...(message.role === 'developer' ? { developer: true } : {}), ...metadata };
    }
    case 'user': {
      const rawParts = Array.isArray(raw.content) ? raw.content : [];
      const content =
        typeof message.content === 'string'
          ? [{ type: 'text' as const, text: message.content }]
          : message.content.map((part, partIndex) => userPart(part, rawParts[partIndex]));
      return { role: 'user', content, ...metadata };
    }
    case 'assistant':
      return { role: 'assistant', content: assistantContent(message, raw, state, index), ...metadata };
    case 'tool':
      return {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: message.tool_call_id, output: toolOutput(message.content, raw) }],
        ...metadata,
      };
    case 'function': {
      const pending = state.pendingLegacyCalls.get(message.name) ?? [];
      const toolCallId = pending.shift() ?? `call_legacy_${message.name}`;
      state.warnings.push({ kind: 'compatibility', message: 'legacy `function` messages were converted to tool results' });
      return {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId, toolName: message.name, output: toolOutput(message.content ?? '', raw) }],
        ...openAIMetadata({ extraFields }),
      };
    }
  }
}

/**
 * Converts validated Chat Completions messages to canonical messages. `rawMessages` are the same
 * messages as the client sent them, read for fields the codec does not know (`name`, vendor
 * extensions), which are kept in each message's `providerMetadata.openai.extraFields`.
 *
 * @example
 * decodeOpenAIChatMessages([{ role: 'developer', content: 'Be brief' }], rawMessages);
 * // { messages: [{ role: 'system', content: 'Be brief', developer: true }], warnings: [] }
 */
export function decodeOpenAIChatMessages(
  messages: readonly OpenAIChatMessage[],
  rawMessages: readonly unknown[],
): { messages: CanonicalMessage[]; warnings: TranslationWarning[] } {
  const state: DecodeState = { pendingLegacyCalls: new Map(), warnings: [] };
  const decoded = messages.map((message, index) => {
    const raw = rawMessages[index];
    return decodeMessage(message, isRecord(raw) ? raw : {}, state, index);
  });
  return { messages: decoded, warnings: state.warnings };
}
