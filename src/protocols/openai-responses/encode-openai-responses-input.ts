import type {
  AssistantContentPart,
  CanonicalMessage,
  FilePart,
  ImagePart,
  ReasoningPart,
  ToolResultPart,
  UserContentPart,
} from '../../streams/canonical-request.js';
import { SUMMARY_SEPARATOR } from './decode-openai-responses-input.js';
import { OPENAI_RESPONSES_KEY } from './openai-responses-provider-options.js';

type WireItem = Readonly<Record<string, unknown>>;

/**
 * Converts canonical messages into Responses `instructions` plus input items.
 *
 * System messages marked as instructions become `instructions`; when none is marked (the request
 * came from another protocol), the leading non-developer system messages do. Reasoning parts are
 * sent back only when they carry an OpenAI item id (encrypted content cannot move between
 * providers, PROTOCOLS.md A.7); tool calls become `function_call` items with their namespace and,
 * when the call came from a Responses upstream, its item id.
 *
 * @example
 * encodeOpenAIResponsesInput([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], {});
 * // { instructions: undefined, input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }] }
 */
export function encodeOpenAIResponsesInput(
  messages: readonly CanonicalMessage[],
  toolNamespaces: Readonly<Record<string, string>>,
): { instructions: string | undefined; input: WireItem[] } {
  const marked = messages.some((message) => message.role === 'system' && message.providerMetadata?.[OPENAI_RESPONSES_KEY]?.instructions === true);
  const instructions: string[] = [];
  const input: WireItem[] = [];
  let leading = true;
  for (const message of messages) {
    if (message.role === 'system') {
      const isInstructions = marked
        ? message.providerMetadata?.[OPENAI_RESPONSES_KEY]?.instructions === true
        : leading && message.developer !== true;
      if (isInstructions) instructions.push(message.content);
      else input.push({ type: 'message', role: message.developer === true ? 'developer' : 'system', content: message.content });
      continue;
    }
    leading = false;
    if (message.role === 'user') input.push({ type: 'message', role: 'user', content: message.content.map(encodeUserPart) });
    else if (message.role === 'assistant') input.push(...encodeAssistant(message.content, toolNamespaces));
    else input.push(...message.content.map(encodeToolResult));
  }
  return { instructions: instructions.length === 0 ? undefined : instructions.join('\n\n'), input };
}

function encodeUserPart(part: UserContentPart): WireItem {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  if (part.type === 'image') return encodeImage(part);
  return encodeFile(part);
}

function encodeImage(part: ImagePart): WireItem {
  const url = part.url ?? `data:${part.mediaType ?? 'image/png'};base64,${part.data ?? ''}`;
  return { type: 'input_image', image_url: url, detail: part.detail ?? 'auto' };
}

function encodeFile(part: FilePart): WireItem {
  if (part.fileId !== undefined && part.mediaType?.startsWith('image/') === true) {
    return { type: 'input_image', file_id: part.fileId, detail: 'auto' };
  }
  return {
    type: 'input_file',
    ...(part.data === undefined ? {} : { file_data: `data:${part.mediaType ?? 'application/octet-stream'};base64,${part.data}` }),
    ...(part.url === undefined ? {} : { file_url: part.url }),
    ...(part.fileId === undefined ? {} : { file_id: part.fileId }),
    ...(part.filename === undefined ? {} : { filename: part.filename }),
  };
}

function encodeAssistant(parts: readonly AssistantContentPart[], toolNamespaces: Readonly<Record<string, string>>): WireItem[] {
  const items: WireItem[] = [];
  let content: WireItem[] | undefined;
  const flush = (): void => {
    if (content !== undefined && content.length > 0) items.push({ type: 'message', role: 'assistant', content });
    content = undefined;
  };
  for (const part of parts) {
    if (part.type === 'text') {
      if (part.text.length === 0) continue;
      content ??= [];
      content.push(
        part.providerMetadata?.openai?.refusal === true
          ? { type: 'refusal', refusal: part.text }
          : { type: 'output_text', text: part.text, annotations: [] },
      );
      continue;
    }
    flush();
    if (part.type === 'reasoning') {
      const item = encodeReasoning(part);
      if (item !== undefined) items.push(item);
    } else {
      const namespace = part.providerMetadata?.openai?.namespace ?? toolNamespaces[part.toolName];
      const itemId = part.providerMetadata?.openai?.itemId;
      items.push({
        type: 'function_call',
        // OpenAI pairs a reasoning item with the item that follows it by id: a reasoning item
        // followed by an id-less function_call is rejected ("provided without its required following item").
        ...(typeof itemId === 'string' && itemId.length > 0 ? { id: itemId } : {}),
        call_id: part.toolCallId,
        name: part.toolName,
        arguments: part.input,
        ...(typeof namespace === 'string' ? { namespace } : {}),
      });
    }
  }
  flush();
  return items;
}

function encodeReasoning(part: ReasoningPart): WireItem | undefined {
  const openai = part.providerMetadata?.openai;
  if (typeof openai?.itemId !== 'string') return undefined;
  const stored = openai.summary;
  // The decoder joined several summary parts; give them back as they came when nothing changed.
  const texts =
    Array.isArray(stored) && stored.join(SUMMARY_SEPARATOR) === part.text
      ? (stored as string[])
      : part.text.length === 0
        ? []
        : [part.text];
  return {
    type: 'reasoning',
    id: openai.itemId,
    summary: texts.map((text) => ({ type: 'summary_text', text })),
    ...(typeof openai.encryptedContent === 'string' ? { encrypted_content: openai.encryptedContent } : {}),
  };
}

function encodeToolResult(part: ToolResultPart): WireItem {
  const allText = part.output.every((output) => output.type === 'text');
  const output = allText
    ? part.output.map((output) => (output.type === 'text' ? output.text : '')).join('')
    : part.output.map((output) => (output.type === 'text' ? { type: 'input_text', text: output.text } : encodeImage(output)));
  return { type: 'function_call_output', call_id: part.toolCallId, output };
}
