import { fromChunkError } from '../errors/gateway-error.js';
import {
  assertNever,
  mergeUsage,
  type CanonicalChunk,
  type ChunkOf,
  type FinishReason,
  type ProviderMetadata,
  type TranslationWarning,
  type Usage,
} from './canonical-chunk.js';
import type { AssistantContentPart } from './canonical-request.js';
import type { CanonicalResponse } from './canonical-response.js';
import { mergeProviderMetadata } from './merge-provider-metadata.js';

/** One content block being accumulated; deltas are kept as pieces and joined once at the end. */
type BlockState =
  | { kind: 'text' | 'reasoning'; pieces: string[]; providerMetadata?: ProviderMetadata }
  | {
      kind: 'tool';
      toolCallId: string;
      toolName: string;
      pieces: string[];
      input?: string;
      providerMetadata?: ProviderMetadata;
    };

/** Accumulates chunks one at a time; `result()` builds the response. */
export interface ChunkReducer {
  /** Folds one chunk in. Throws the rebuilt `GatewayError` on an in-band `error` chunk. */
  readonly push: (chunk: CanonicalChunk) => void;
  readonly result: () => CanonicalResponse;
}

const unfinished: FinishReason = { unified: 'other', raw: undefined };

/**
 * Creates the one-pass state machine behind `reduceChunks`: blocks are recorded in the order
 * they start, open blocks are found by id, and text is joined only in `result()` so the total
 * cost stays linear in the stream size.
 *
 * @example
 * const reducer = createChunkReducer();
 * chunks.forEach(reducer.push);
 * reducer.result().content; // [{ type: 'text', text: 'Hello' }]
 */
export function createChunkReducer(): ChunkReducer {
  const blocks: BlockState[] = [];
  // Open text/reasoning blocks by `${kind}:${id}`; tool inputs by call id until their `tool-call`.
  const open = new Map<string, BlockState>();
  const pendingTools = new Map<string, Extract<BlockState, { kind: 'tool' }>>();
  const warnings: TranslationWarning[] = [];
  let metadata: { id?: string; modelId?: string; created?: number } = {};
  let providerMetadata: ProviderMetadata | undefined;
  let usage: Usage = {};
  let finishReason: FinishReason = unfinished;

  const openBlock = (kind: 'text' | 'reasoning', id: string, meta?: ProviderMetadata): BlockState => {
    const block: BlockState = { kind, pieces: [], ...(meta === undefined ? {} : { providerMetadata: meta }) };
    blocks.push(block);
    open.set(`${kind}:${id}`, block);
    return block;
  };

  // A delta whose start went missing still counts: it opens an implicit block.
  const blockFor = (kind: 'text' | 'reasoning', id: string): BlockState =>
    open.get(`${kind}:${id}`) ?? openBlock(kind, id);

  const closeBlock = (kind: 'text' | 'reasoning', id: string, meta?: ProviderMetadata): void => {
    const block = open.get(`${kind}:${id}`);
    if (block === undefined) return;
    block.providerMetadata = mergeProviderMetadata(block.providerMetadata, meta);
    open.delete(`${kind}:${id}`);
  };

  const startTool = (chunk: ChunkOf<'tool-input-start'>): void => {
    const block: BlockState = {
      kind: 'tool',
      toolCallId: chunk.id,
      toolName: chunk.toolName,
      pieces: [],
      ...(chunk.providerMetadata === undefined ? {} : { providerMetadata: chunk.providerMetadata }),
    };
    blocks.push(block);
    pendingTools.set(chunk.id, block);
  };

  const completeTool = (chunk: ChunkOf<'tool-call'>): void => {
    let block = pendingTools.get(chunk.toolCallId);
    if (block === undefined) {
      block = { kind: 'tool', toolCallId: chunk.toolCallId, toolName: chunk.toolName, pieces: [] };
      blocks.push(block);
    }
    pendingTools.delete(chunk.toolCallId);
    block.toolName = chunk.toolName;
    block.input = chunk.input;
    block.providerMetadata = mergeProviderMetadata(block.providerMetadata, chunk.providerMetadata);
  };

  const push = (chunk: CanonicalChunk): void => {
    switch (chunk.type) {
      case 'stream-start':
        warnings.push(...chunk.warnings);
        return;
      case 'response-metadata':
        metadata = {
          id: chunk.id ?? metadata.id,
          modelId: chunk.modelId ?? metadata.modelId,
          created: chunk.created ?? metadata.created,
        };
        providerMetadata = mergeProviderMetadata(providerMetadata, chunk.providerMetadata);
        return;
      case 'text-start':
      case 'reasoning-start':
        openBlock(chunk.type === 'text-start' ? 'text' : 'reasoning', chunk.id, chunk.providerMetadata);
        return;
      case 'text-delta':
      case 'reasoning-delta':
        blockFor(chunk.type === 'text-delta' ? 'text' : 'reasoning', chunk.id).pieces.push(chunk.delta);
        return;
      case 'text-end':
      case 'reasoning-end':
        closeBlock(chunk.type === 'text-end' ? 'text' : 'reasoning', chunk.id, chunk.providerMetadata);
        return;
      case 'tool-input-start':
        startTool(chunk);
        return;
      case 'tool-input-delta':
        pendingTools.get(chunk.id)?.pieces.push(chunk.delta);
        return;
      case 'tool-input-end':
      case 'raw':
        return;
      case 'tool-call':
        completeTool(chunk);
        return;
      case 'usage':
        usage = mergeUsage(usage, chunk.usage);
        return;
      case 'finish':
        finishReason = chunk.finishReason;
        usage = mergeUsage(usage, chunk.usage);
        providerMetadata = mergeProviderMetadata(providerMetadata, chunk.providerMetadata);
        return;
      case 'error':
        throw fromChunkError(chunk.error);
      default:
        assertNever(chunk);
    }
  };

  const result = (): CanonicalResponse => ({
    ...{},
    ...(metadata.id === undefined ? {} : { id: metadata.id }),
    ...(metadata.modelId === undefined ? {} : { modelId: metadata.modelId }),
    ...(metadata.created === undefined ? {} : { created: metadata.created }),
    content: blocks.map(toContentPart),
    finishReason,
    usage,
    warnings: [...warnings],
    ...(providerMetadata === undefined ? {} : { providerMetadata }),
  });

  return { push, result };
}

function toContentPart(block: BlockState): AssistantContentPart {
  const meta = block.providerMetadata === undefined ? {} : { providerMetadata: block.providerMetadata };
  if (block.kind === 'tool') {
    // A tool call whose `tool-call` never came (stream cut short) keeps the streamed arguments.
    const streamed = block.pieces.join('');
    const input = block.input ?? (streamed.length > 0 ? streamed : '{}');
    return { type: 'tool-call', toolCallId: block.toolCallId, toolName: block.toolName, input, ...meta };
  }
  return { type: block.kind, text: block.pieces.join(''), ...meta };
}
