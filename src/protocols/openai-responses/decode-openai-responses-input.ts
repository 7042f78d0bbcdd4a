import type { TranslationWarning } from '../../streams/canonical-chunk.js';
import type {
  AssistantContentPart,
  CanonicalMessage,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../streams/canonical-request.js';
import type {
  ResponsesContentPart,
  ResponsesFunctionCallItem,
  ResponsesFunctionCallOutputItem,
  ResponsesInputItem,
  ResponsesMessageItem,
  ResponsesReasoningItem,
} from './openai-responses-wire.js';

/** Splits `data:<mime>;base64,<payload>`; anything else is a plain URL. */
export function splitDataUrl(url: string): { mediaType?: string; data?: string; url?: string } {
  const match = /^data:([^;,]*)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  return match === null ? { url } : { mediaType: match[1] || undefined, data: match[2] };
}

/** Separator between reasoning summary parts when they are joined into one reasoning text. */
export const SUMMARY_SEPARATOR = '\n\n';

/**
 * Converts Responses input items into canonical messages.
 *
 * Consecutive assistant-side items (assistant messages, `function_call`, `reasoning`) merge into
 * one assistant message, and consecutive `function_call_output` items into one tool message, so
 * a turn that called three tools stays one turn. Unknown item types are dropped with a warning.
 *
 * @example
 * decodeOpenAIResponsesInput([{ type: 'function_call', call_id: 'c1', name: 'ls', arguments: '{}' }], [], new Map());
 * // [{ role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'ls', input: '{}' }] }]
 */
export function decodeOpenAIResponsesInput(
  input: string | readonly ResponsesInputItem[],
  warnings: TranslationWarning[],
  toolNames: Map<string, string>,
): CanonicalMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: [{ type: 'text', text: input }] }];
  const messages: CanonicalMessage[] = [];
  let assistant: AssistantContentPart[] | undefined;
  let toolResults: ToolResultPart[] | undefined;
  const flush = (): void => {
    if (assistant !== undefined) messages.push({ role: 'assistant', content: assistant });
    if (toolResults !== undefined) messages.push({ role: 'tool', content: toolResults });
    assistant = undefined;
    toolResults = undefined;
  };
  const assistantParts = (): AssistantContentPart[] => {
    if (toolResults !== undefined) flush();
    assistant ??= [];
    return assistant;
  };
  input.forEach((item, index) => {
    const type = (item as { type?: string }).type ?? 'message';
    if (type === 'message') {
      const message = item as ResponsesMessageItem;
      if (message.role === 'assistant') assistantParts().push(...decodeAssistantContent(message));
      else {
        flush();
        messages.push(decodeNonAssistantMessage(message, index, warnings));
      }
    } else if (type === 'function_call') {
      const call = item as ResponsesFunctionCallItem;
      toolNames.set(call.call_id, call.name);
      assistantParts().push(decodeFunctionCall(call));
    } else if (type === 'reasoning') {
      assistantParts().push(decodeReasoning(item as ResponsesReasoningItem));
    } else if (type === 'function_call_output') {
      if (assistant !== undefined) flush();
      toolResults ??= [];
      toolResults.push(decodeFunctionCallOutput(item as ResponsesFunctionCallOutputItem, index, warnings, toolNames));
    } else {
      warnings.push({ kind: 'unsupported', message: `input[${index}]: item type '${type}' is not supported and was dropped` });
    }
  });
  flush();
  return messages;
}

function decodeAssistantContent(message: ResponsesMessageItem): AssistantContentPart[] {
  const itemId = message.id ?? undefined;
  const withId = (part: TextPart, first: boolean): TextPart =>
    itemId === undefined || !first ? part : { ...{}, ...part, providerMetadata: { openai: { ...{}, ...part.providerMetadata?.openai, itemId } } };
  if (typeof message.content === 'string') return [withId({ type: 'text', text: message.content }, true)];
  const parts: AssistantContentPart[] = [];
  for (const part of message.content) {
    const text = textOf(part);
    if (text === undefined) continue;
    const base: TextPart =
      part.type === 'refusal' ? { type: 'text', text, providerMetadata: { openai: { refusal: true } } } : { type: 'text', text };
    parts.push(withId(base, parts.length === 0));
  }
  return parts;
}

function decodeNonAssistantMessage(message: ResponsesMessageItem, index: number, warnings: TranslationWarning[]): CanonicalMessage {
  if (message.role === 'system' || message.role === 'developer') {
    const content =
      typeof message.content === 'string'
        ? message.content
        : message.content.map((part) => textOf(part) ?? '').filter((text) => text.length > 0).join('\n');
    return message.role === 'developer' ? { role: 'system', content, developer: true } : { role: 'system', content };
  }
  if (typeof message.content === 'string') return { role: 'user', content: [{ type: 'text', text: message.content }] };
  const content: UserContentPart[] = [];
  message.content.forEach((part, partIndex) => {
    const decoded = decodeUserPart(part);
    if (decoded === undefined) {
      warnings.push({ kind: 'unsupported', message: `input[${index}].content[${partIndex}]: part type '${part.type}' was dropped` });
    } else content.push(decoded);
  });
  return { role: 'user', content };
}

function decodeUserPart(part: ResponsesContentPart): UserContentPart | undefined {
  const text = textOf(part);
  if (text !== undefined) return { type: 'text', text };
  if (part.type === 'input_image') return decodeImage(part as { image_url?: string | null; file_id?: string | null; detail?: string | null });
  if (part.type === 'input_file') {
    const file = part as { file_data?: string | null; file_id?: string | null; file_url?: string | null; filename?: string | null };
    const data = file.file_data == null ? {} : file.file_data.startsWith('data:') ? splitDataUrl(file.file_data) : { data: file.file_data };
    return {
      type: 'file',
      ...data,
      ...(file.file_url == null ? {} : { url: file.file_url }),
      ...(file.file_id == null ? {} : { fileId: file.file_id }),
      ...(file.filename == null ? {} : { filename: file.filename }),
    };
  }
  return undefined;
}

function decodeImage(image: { image_url?: string | null; file_id?: string | null; detail?: string | null }): ImagePart | UserContentPart {
  // An uploaded image has no canonical image form; it travels as a file id with an image type.
  if (image.image_url == null && image.file_id != null) return { type: 'file', fileId: image.file_id, mediaType: 'image/*' };
  return { type: 'image', ...splitDataUrl(image.image_url ?? ''), ...(image.detail == null ? {} : { detail: image.detail }) };
}

function textOf(part: ResponsesContentPart): string | undefined {
  if (part.type === 'input_text' || part.type === 'output_text') return (part as { text: string }).text;
  if (part.type === 'refusal') return (part as { refusal: string }).refusal;
  return undefined;
}

function decodeFunctionCall(call: ResponsesFunctionCallItem): AssistantContentPart {
  const openai = {
    ...{},
    ...(call.id == null ? {} : { itemId: call.id }),
    ...(call.namespace == null ? {} : { namespace: call.namespace }),
  };
  return {
    type: 'tool-call',
    toolCallId: call.call_id,
    toolName: call.name,
    input: call.arguments.length === 0 ? '{}' : call.arguments,
    ...(Object.keys(openai).length === 0 ? {} : { providerMetadata: { openai } }),
  };
}

function decodeReasoning(item: ResponsesReasoningItem): AssistantContentPart {
  const summary = item.summary.map((part) => part.text);
  const openai = {
    ...{},
    ...(item.id == null ? {} : { itemId: item.id }),
    ...(item.encrypted_content == null ? {} : { encryptedContent: item.encrypted_content }),
    ...(summary.length > 1 ? { summary } : {}),
  };
  return { type: 'reasoning', text: summary.join(SUMMARY_SEPARATOR), providerMetadata: { openai } };
}

function decodeFunctionCallOutput(
  item: ResponsesFunctionCallOutputItem,
  index: number,
  warnings: TranslationWarning[],
  toolNames: ReadonlyMap<string, string>,
): ToolResultPart {
  const output: (TextPart | ImagePart)[] = [];
  if (typeof item.output === 'string') output.push({ type: 'text', text: item.output });
  else {
    item.output.forEach((part, partIndex) => {
      const decoded = decodeUserPart(part);
      if (decoded !== undefined && decoded.type !== 'file') output.push(decoded);
      else warnings.push({ kind: 'unsupported', message: `input[${index}].output[${partIndex}]: part type '${part.type}' was dropped` });
    });
  }
  const toolName = toolNames.get(item.call_id);
  return { type: 'tool-result', toolCallId: item.call_id, ...(toolName === undefined ? {} : { toolName }), output };
}
