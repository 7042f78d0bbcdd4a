import type { ProviderMetadata, TranslationWarning } from '../../streams/canonical-chunk.js';
import type {
  AssistantContentPart,
  FilePart,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../streams/canonical-request.js';
import type { AnthropicContentBlock, AnthropicImageBlock, AnthropicTextBlock, AnthropicToolResultBlock } from './anthropic-wire.js';

/**
 * Anthropic content blocks → canonical parts, for one turn of a client request. Blocks the
 * canonical model has no place for are dropped with a warning (never a crash).
 */

export interface DecodedUserTurn {
  readonly toolResults: ToolResultPart[];
  readonly parts: UserContentPart[];
}

type Warn = (warning: TranslationWarning) => void;

function cacheMetadata(block: { cache_control?: unknown }): { providerMetadata?: ProviderMetadata } {
  return block.cache_control === undefined || block.cache_control === null
    ? {}
    : { providerMetadata: { anthropic: { cacheControl: block.cache_control } } };
}

export function decodeTextBlock(block: AnthropicTextBlock): TextPart {
  return { type: 'text', text: block.text, ...cacheMetadata(block) };
}

function decodeImage(block: AnthropicImageBlock): ImagePart | FilePart {
  const { source } = block;
  switch (source.type) {
    case 'base64':
      return { type: 'image', mediaType: source.media_type, data: source.data };
    case 'url':
      return { type: 'image', url: source.url };
    case 'file':
      return { type: 'file', mediaType: 'image/*', fileId: source.file_id };
    default: {
      const exhaustive: never = source;
      return exhaustive;
    }
  }
}

function decodeDocument(source: Readonly<Record<string, unknown>>, title: string | null | undefined): FilePart | undefined {
  const text = (key: string): string | undefined => (typeof source[key] === 'string' ? (source[key] as string) : undefined);
  const filename = title ?? undefined;
  const named = filename === undefined ? {} : { filename };
  switch (source['type']) {
    case 'base64':
      return { type: 'file', mediaType: text('media_type') ?? 'application/pdf', data: text('data') ?? '', ...named };
    case 'text':
      return { type: 'file', mediaType: text('media_type') ?? 'text/plain', data: Buffer.from(text('data') ?? '', 'utf8').toString('base64'), ...named };
    case 'url':
      return { type: 'file', mediaType: 'application/pdf', url: text('url') ?? '', ...named };
    case 'file':
      return { type: 'file', fileId: text('file_id') ?? '', ...named };
    default:
      return undefined;
  }
}

function decodeToolResult(block: AnthropicToolResultBlock, warn: Warn): ToolResultPart {
  const output: (TextPart | ImagePart)[] = [];
  const content = block.content;
  if (typeof content === 'string') output.push({ type: 'text', text: content });
  else if (Array.isArray(content)) {
    for (const item of content) {
      if (item.type === 'text') output.push(decodeTextBlock(item));
      else if (item.type === 'image') {
        const image = decodeImage(item);
        if (image.type === 'image') output.push(image);
        else warn({ kind: 'unsupported', message: 'tool_result image given by file_id was dropped' });
      } else warn({ kind: 'unsupported', message: `tool_result content block "${item.originalType}" was dropped` });
    }
  }
  return { type: 'tool-result', toolCallId: block.tool_use_id, output, ...(block.is_error === true ? { isError: true } : {}) };
}

/** Splits a user turn into its tool results and its other content (text, images, documents). */
export function decodeUserBlocks(blocks: readonly AnthropicContentBlock[], warn: Warn): DecodedUserTurn {
  const toolResults: ToolResultPart[] = [];
  const parts: UserContentPart[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        parts.push(decodeTextBlock(block));
        break;
      case 'image':
        parts.push(decodeImage(block));
        break;
      case 'document': {
        const file = decodeDocument(block.source, block.title);
        if (file === undefined) warn({ kind: 'unsupported', message: 'a document block with an unknown source was dropped' });
        else parts.push(file);
        break;
      }
      case 'tool_result':
        toolResults.push(decodeToolResult(block, warn));
        break;
      case 'unknown':
        warn({ kind: 'unsupported', message: `user content block "${block.originalType}" was dropped` });
        break;
      default:
        warn({ kind: 'unsupported', message: `user content block "${block.type}" was dropped` });
    }
  }
  return { toolResults, parts };
}

function parseToolInput(input: unknown): string {
  return input === undefined || input === null ? '{}' : JSON.stringify(input);
}

/** Decodes an assistant turn: text, thinking (signature kept), redacted thinking, tool_use. */
export function decodeAssistantBlocks(blocks: readonly AnthropicContentBlock[], warn: Warn): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        parts.push(decodeTextBlock(block));
        break;
      case 'thinking':
        parts.push({
          type: 'reasoning',
          text: block.thinking,
          ...(block.signature ? { providerMetadata: { anthropic: { signature: block.signature } } } : {}),
        });
        break;
      case 'redacted_thinking':
        parts.push({ type: 'reasoning', text: '', providerMetadata: { anthropic: { redactedData: block.data } } });
        break;
      case 'tool_use':
        parts.push({ type: 'tool-call', toolCallId: block.id, toolName: block.name, input: parseToolInput(block.input) });
        break;
      default:
        warn({
          kind: 'unsupported',
          message: `assistant content block "${block.type === 'unknown' ? block.originalType : block.type}" was dropped`,
        });
    }
  }
  return parts;
}
