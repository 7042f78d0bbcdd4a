import type { ProviderMetadata } from '../../streams/canonical-chunk.js';
import type {
  AssistantContentPart,
  CanonicalMessage,
  FilePart,
  ImagePart,
  TextPart,
  ToolResultPart,
} from '../../streams/canonical-request.js';
import { toDataUrl } from './openai-chat-data-url.js';
import { readOpenAIChatMetadata } from './openai-chat-provider-options.js';

type WireObject = Record<string, unknown>;
type MessageOf<R extends CanonicalMessage['role']> = Extract<CanonicalMessage, { role: R }>;

const audioFormats: Readonly<Record<string, string>> = { 'audio/mpeg': 'mp3', 'audio/wav': 'wav' };

function extraFieldsOf(metadata: ProviderMetadata | undefined): WireObject {
  return { ...readOpenAIChatMetadata(metadata).extraFields };
}

function textPart(part: TextPart): WireObject {
  return { ...{}, ...extraFieldsOf(part.providerMetadata), type: 'text', text: part.text };
}

function imagePart(part: ImagePart): WireObject {
  const url = part.data !== undefined ? toDataUrl(part.mediaType ?? 'image/png', part.data) : (part.url ?? '');
  return { type: 'image_url', image_url: { url, ...(part.detail === undefined ? {} : { detail: part.detail }) } };
}

function filePart(part: FilePart): WireObject {
  const audioFormat = part.mediaType?.startsWith('audio/') === true ? (audioFormats[part.mediaType] ?? part.mediaType.slice(6)) : undefined;
  if (audioFormat !== undefined && part.data !== undefined && part.filename === undefined && part.fileId === undefined) {
    return { type: 'input_audio', input_audio: { data: part.data, format: audioFormat } };
  }
  if (part.data === undefined && part.fileId === undefined && part.url !== undefined) {
    // Chat Completions takes no file URLs: an image can go as image_url, anything else as a mention.
    return part.mediaType?.startsWith('image/') === true
      ? imagePart({ type: 'image', url: part.url })
      : { type: 'text', text: `[file: ${part.url}]` };
  }
  const fileData = part.data === undefined ? undefined : part.mediaType === undefined ? part.data : toDataUrl(part.mediaType, part.data);
  return {
    type: 'file',
    file: {
      ...{},
      ...(fileData === undefined ? {} : { file_data: fileData }),
      ...(part.fileId === undefined ? {} : { file_id: part.fileId }),
      ...(part.filename === undefined ? {} : { filename: part.filename }),
    },
  };
}

function encodeUser(message: MessageOf<'user'>, asParts: boolean): WireObject['content'] {
  const [only] = message.content;
  if (!asParts && message.content.length === 1 && only.type === 'text' && only.providerMetadata === undefined) return only.text;
  return message.content.map((part) =>
    part.type === 'text' ? textPart(part) : part.type === 'image' ? imagePart(part) : filePart(part),
  );
}

/** Reasoning carrying another provider's signature cannot be replayed to an OpenAI-compatible upstream. */
function isPortableReasoning(part: AssistantContentPart): boolean {
  return part.type === 'reasoning' && Object.keys(part.providerMetadata ?? {}).every((key) => key === 'openai');
}

function encodeAssistant(message: MessageOf<'assistant'>, asParts: boolean): WireObject {
  const texts = message.content.filter((part): part is TextPart => part.type === 'text');
  const calls = message.content.filter((part) => part.type === 'tool-call');
  const reasoning = message.content.filter(isPortableReasoning).map((part) => (part.type === 'reasoning' ? part.text : ''));
  const isRefusal = (part: TextPart): boolean => readOpenAIChatMetadata(part.providerMetadata).refusal === true;
  const plain = texts.filter((part) => !isRefusal(part));
  const refusal = texts.filter(isRefusal).map((part) => part.text).join('');
  const content = asParts
    ? texts.map((part) => (isRefusal(part) ? { type: 'refusal', refusal: part.text } : textPart(part)))
    : plain.length > 0
      ? plain.map((part) => part.text).join('')
      : calls.length > 0
        ? null // D.5: a tool-only turn has content null, never an empty text
        : '';
  return {
    content,
    ...(!asParts && refusal !== '' ? { refusal } : {}),
    ...(calls.length === 0
      ? {}
      : {
          tool_calls: calls.map((call) => ({
            ...{},
            ...extraFieldsOf(call.providerMetadata),
            id: call.toolCallId,
            type: 'function',
            function: { name: call.toolName, arguments: call.input === '' ? '{}' : call.input },
          })),
        }),
    ...(reasoning.length === 0 ? {} : { reasoning_content: reasoning.join('') }),
  };
}

function toolContent(output: ToolResultPart['output'], asParts: boolean): WireObject['content'] {
  if (!asParts && output.every((part) => part.type === 'text' && part.providerMetadata === undefined)) {
    return output.map((part) => (part.type === 'text' ? part.text : '')).join('');
  }
  return output.map((part) => (part.type === 'text' ? textPart(part) : imagePart(part)));
}

function encodeMessage(message: CanonicalMessage): WireObject[] {
  const metadata = readOpenAIChatMetadata(message.providerMetadata);
  const extra = { ...metadata.extraFields };
  const asParts = metadata.contentParts === true;
  switch (message.role) {
    case 'system':
      return [{ ...{}, ...extra, role: message.developer === true ? 'developer' : 'system', content: asParts ? [{ type: 'text', text: message.content }] : message.content }];
    case 'user':
      return [{ ...{}, ...extra, role: 'user', content: encodeUser(message, asParts) }];
    case 'assistant':
      return [{ ...{}, ...extra, role: 'assistant', ...encodeAssistant(message, asParts) }];
    case 'tool':
      // One `role: "tool"` message per result, as Chat Completions requires.
      return message.content.map((result) => ({
        ...{},
        ...extra,
        role: 'tool',
        tool_call_id: result.toolCallId,
        content: toolContent(result.output, asParts),
      }));
  }
}

/**
 * Renders canonical messages as Chat Completions messages, restoring the fields the decoder kept
 * in `providerMetadata.openai`.
 *
 * @example
 * encodeOpenAIChatMessages([{ role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: '{}' }] }]);
 * // [{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] }]
 */
export function encodeOpenAIChatMessages(messages: readonly CanonicalMessage[]): WireObject[] {
  return messages.flatMap(encodeMessage);
}
