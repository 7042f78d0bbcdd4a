import type {
  AssistantContentPart,
  CanonicalMessage,
  FilePart,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../streams/canonical-request.js';
import { sanitizeAnthropicToolId } from './sanitize-anthropic-tool-id.js';

/**
 * Canonical messages → Anthropic `system` + `messages` (PROTOCOLS A.5, A.7): system messages are
 * gathered into the top-level `system`; consecutive same-role turns merge; tool results become
 * `tool_result` blocks at the front of one user turn; empty text blocks are never sent (D.5);
 * tool ids are sanitised and made unique (D.15); reasoning goes back only with an Anthropic
 * signature (D.12).
 */

type WireBlock = Record<string, unknown>;

interface WireTurn {
  readonly role: 'user' | 'assistant';
  readonly toolResults: WireBlock[];
  readonly blocks: WireBlock[];
}

export interface AnthropicMessages {
  readonly system: string | WireBlock[] | undefined;
  readonly messages: { role: 'user' | 'assistant'; content: WireBlock[] }[];
}

const imageMediaTypes = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

function metadataValue(part: { readonly providerMetadata?: CanonicalMessage['providerMetadata'] }, key: string): unknown {
  return part.providerMetadata?.['anthropic']?.[key];
}

function textBlock(part: TextPart): WireBlock | undefined {
  if (part.text === '') return undefined;
  const cacheControl = metadataValue(part, 'cacheControl');
  return { type: 'text', text: part.text, ...(cacheControl === undefined ? {} : { cache_control: cacheControl }) };
}

function imageBlock(part: ImagePart): WireBlock | undefined {
  if (part.data !== undefined && part.mediaType !== undefined && imageMediaTypes.has(part.mediaType)) {
    return { type: 'image', source: { type: 'base64', media_type: part.mediaType, data: part.data } };
  }
  if (part.url !== undefined) {
    const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(part.url);
    if (dataUrl === null) return { type: 'image', source: { type: 'url', url: part.url } };
    return imageMediaTypes.has(dataUrl[1]) ? { type: 'image', source: { type: 'base64', media_type: dataUrl[1], data: dataUrl[2] } } : undefined;
  }
  return undefined;
}

function fileBlock(part: FilePart): WireBlock | undefined {
  if (part.fileId !== undefined) {
    return { type: part.mediaType?.startsWith('image/') ? 'image' : 'document', source: { type: 'file', file_id: part.fileId } };
  }
  const title = part.filename === undefined ? {} : { title: part.filename };
  if (part.mediaType?.startsWith('image/')) return imageBlock({ type: 'image', mediaType: part.mediaType, data: part.data, url: part.url });
  if (part.url !== undefined) return { type: 'document', source: { type: 'url', url: part.url }, ...title };
  if (part.data === undefined) return undefined;
  if (part.mediaType === 'text/plain') {
    return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: Buffer.from(part.data, 'base64').toString('utf8') }, ...title };
  }
  return part.mediaType === 'application/pdf' ? { type: 'document', source: { type: 'base64', media_type: part.mediaType, data: part.data }, ...title } : undefined;
}

function userBlock(part: UserContentPart): WireBlock | undefined {
  switch (part.type) {
    case 'text':
      return textBlock(part);
    case 'image':
      return imageBlock(part);
    case 'file':
      return fileBlock(part);
    default: {
      const exhaustive: never = part;
      return exhaustive;
    }
  }
}

function parseInput(input: string): unknown {
  try {
    const parsed: unknown = JSON.parse(input === '' ? '{}' : input);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : { value: parsed };
  } catch {
    // Broken arguments in history: Anthropic needs an object, so keep the text where it can be seen.
    return { raw_arguments: input };
  }
}

/**
 * Wire ids for tool calls (D.15): sanitised, and unique within the request. A conversation may
 * reuse an id (servers that number calls from 0 in every turn), which Anthropic rejects with
 * "`tool_use` ids must be unique"; a repeat gets a suffix, and the results that follow it point
 * at the latest call that had the id.
 */
interface ToolIds {
  forCall(id: string): string;
  forResult(id: string): string;
}

function createToolIds(): ToolIds {
  const used = new Set<string>();
  const latest = new Map<string, string>();
  return {
    forCall(id) {
      const base = sanitizeAnthropicToolId(id);
      let wire = base;
      for (let count = 2; used.has(wire); count++) wire = `${base}_${count}`;
      used.add(wire);
      latest.set(id, wire);
      return wire;
    },
    forResult: (id) => latest.get(id) ?? sanitizeAnthropicToolId(id),
  };
}

function assistantBlock(part: AssistantContentPart, ids: ToolIds): WireBlock | undefined {
  switch (part.type) {
    case 'text':
      return textBlock(part);
    case 'reasoning': {
      const redactedData = metadataValue(part, 'redactedData');
      if (typeof redactedData === 'string') return { type: 'redacted_thinking', data: redactedData };
      const signature = metadataValue(part, 'signature');
      // Reasoning from another provider cannot be verified by Anthropic: drop it (D.12). An empty
      // signature is what Anthropic clients replay for thinking the gateway streamed from elsewhere.
      return typeof signature === 'string' && signature.length > 0 ? { type: 'thinking', thinking: part.text, signature } : undefined;
    }
    case 'tool-call':
      return { type: 'tool_use', id: ids.forCall(part.toolCallId), name: part.toolName, input: parseInput(part.input) };
    default: {
      const exhaustive: never = part;
      return exhaustive;
    }
  }
}

function toolResultBlock(part: ToolResultPart, ids: ToolIds): WireBlock {
  const allText = part.output.every((item) => item.type === 'text');
  const content = allText
    ? part.output.map((item) => (item.type === 'text' ? item.text : '')).join('')
    : part.output.flatMap((item) => {
        const block = item.type === 'text' ? textBlock(item) : imageBlock(item);
        return block === undefined ? [] : [block];
      });
  return {
    type: 'tool_result',
    tool_use_id: ids.forResult(part.toolCallId),
    ...((typeof content === 'string' ? content !== '' : content.length > 0) ? { content } : {}),
    ...(part.isError === true ? { is_error: true } : {}),
  };
}

function defined(blocks: (WireBlock | undefined)[]): WireBlock[] {
  return blocks.filter((block): block is WireBlock => block !== undefined);
}

function push(turns: WireTurn[], role: 'user' | 'assistant', toolResults: WireBlock[], blocks: WireBlock[]): void {
  if (toolResults.length === 0 && blocks.length === 0) return;
  const last = turns[turns.length - 1];
  if (last !== undefined && last.role === role) {
    last.toolResults.push(...toolResults);
    last.blocks.push(...blocks);
  } else turns.push({ role, toolResults, blocks });
}

/**
 * Converts canonical messages to Anthropic's `system` (a string, or text blocks when one carries
 * `cache_control`) and alternating `messages`.
 *
 * @example
 * convertToAnthropicMessages([{ role: 'system', content: 'Be brief' }, { role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
 * // { system: 'Be brief', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }
 */
export function convertToAnthropicMessages(messages: readonly CanonicalMessage[]): AnthropicMessages {
  const systemParts: TextPart[] = [];
  const turns: WireTurn[] = [];
  const ids = createToolIds();
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        systemParts.push({ type: 'text', text: message.content, ...(message.providerMetadata ? { providerMetadata: message.providerMetadata } : {}) });
        break;
      case 'user':
        push(turns, 'user', [], defined(message.content.map(userBlock)));
        break;
      case 'assistant':
        push(turns, 'assistant', [], defined(message.content.map((part) => assistantBlock(part, ids))));
        break;
      case 'tool':
        push(turns, 'user', message.content.map((part) => toolResultBlock(part, ids)), []);
        break;
      default: {
        const exhaustive: never = message;
        throw new Error(`unknown role in ${JSON.stringify(exhaustive)}`);
      }
    }
  }
  return { system: renderSystem(systemParts), messages: finalTurns(turns) };
}

function renderSystem(parts: TextPart[]): string | WireBlock[] | undefined {
  const nonEmpty = parts.filter((part) => part.text !== '');
  if (nonEmpty.length === 0) return undefined;
  if (nonEmpty.some((part) => metadataValue(part, 'cacheControl') !== undefined)) return defined(nonEmpty.map(textBlock));
  return nonEmpty.map((part) => part.text).join('\n\n');
}

function finalTurns(turns: WireTurn[]): AnthropicMessages['messages'] {
  const out = turns.map((turn) => ({ role: turn.role, content: [...turn.toolResults, ...turn.blocks] }));
  // Anthropic rejects a final assistant (prefill) turn that ends in whitespace.
  const last = out[out.length - 1];
  const lastBlock = last?.role === 'assistant' ? last.content[last.content.length - 1] : undefined;
  if (lastBlock?.['type'] === 'text' && typeof lastBlock['text'] === 'string') {
    const trimmed = lastBlock['text'].trimEnd();
    if (trimmed === '') last.content.pop();
    else lastBlock['text'] = trimmed;
    if (last.content.length === 0) out.pop();
  }
  return out;
}
