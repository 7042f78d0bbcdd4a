import type { CanonicalChunk, ChunkError } from '../../streams/canonical-chunk.js';
import type { AnthropicResponseBlock } from './anthropic-event-wire.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

/**
 * The state record of {@link anthropicEventsToCanonical} and the block helpers its handlers share:
 * opening a block from a `content_block_start`, and closing it into `*-end` (+ `tool-call`).
 */

export type Emit = (chunk: CanonicalChunk) => void;

export interface DecoderBlock {
  readonly kind: 'text' | 'reasoning' | 'tool' | 'ignored';
  readonly id: string;
  readonly toolName: string;
  /** Tool input fragments, joined once at the block's stop (no O(n²) string growth). */
  readonly inputParts: string[];
  readonly startInput: unknown;
  signature: string | undefined;
  readonly redactedData: string | undefined;
}

export interface DecoderState {
  /** `waiting` for message_start, inside a `message`, or `done` after message_stop / error. */
  phase: 'waiting' | 'message' | 'done';
  sawEvent: boolean;
  sawBlock: boolean;
  readonly blocks: Map<number, DecoderBlock>;
  rawUsage: Record<string, unknown>;
  stopReason: string | undefined;
  stopSequence: string | undefined;
  stopDetails: unknown;
  contextManagement: unknown;
}

export function createDecoderState(): DecoderState {
  return {
    phase: 'waiting',
    sawEvent: false,
    sawBlock: false,
    blocks: new Map(),
    rawUsage: {},
    stopReason: undefined,
    stopSequence: undefined,
    stopDetails: undefined,
    contextManagement: undefined,
  };
}

/** Opens a canonical block for a `content_block_start`; unknown block types are tracked as ignored. */
export function openBlock(index: number, block: AnthropicResponseBlock, emit: Emit): DecoderBlock {
  const base = { id: String(index), toolName: '', inputParts: [], startInput: undefined, signature: undefined, redactedData: undefined };
  switch (block.type) {
    case 'text':
      emit({ type: 'text-start', id: base.id });
      if (block.text) emit({ type: 'text-delta', id: base.id, delta: block.text });
      return { ...{}, ...base, kind: 'text' };
    case 'thinking':
      emit({ type: 'reasoning-start', id: base.id });
      if (block.thinking) emit({ type: 'reasoning-delta', id: base.id, delta: block.thinking });
      return { ...{}, ...base, kind: 'reasoning', signature: block.signature || undefined };
    case 'redacted_thinking': {
      // Arrives whole; the opaque data must reach an Anthropic client or upstream unchanged.
      const redactedData = block.data ?? '';
      emit({ type: 'reasoning-start', id: base.id, providerMetadata: { anthropic: { redactedData } } });
      return { ...{}, ...base, kind: 'reasoning', redactedData };
    }
    case 'tool_use': {
      const id = block.id || `toolu_${index}`;
      const toolName = block.name ?? '';
      emit({ type: 'tool-input-start', id, toolName });
      return { ...{}, ...base, kind: 'tool', id, toolName, startInput: block.input };
    }
    default:
      // server_tool_use, web_search_tool_result, compaction, ...: not translated (PROTOCOLS D.6).
      return { ...{}, ...base, kind: 'ignored' };
  }
}

function hasKeys(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/**
 * Closes a block. `incomplete` marks a tool call whose block never got its `content_block_stop`
 * (the stream was cut): its possibly partial input is still reported, flagged for repair.
 */
export function closeBlock(block: DecoderBlock, emit: Emit, incomplete: boolean): void {
  switch (block.kind) {
    case 'text':
      emit({ type: 'text-end', id: block.id });
      return;
    case 'reasoning': {
      const anthropic =
        block.redactedData !== undefined
          ? { redactedData: block.redactedData }
          : block.signature === undefined
            ? undefined
            : { signature: block.signature };
      emit({ type: 'reasoning-end', id: block.id, ...(anthropic === undefined ? {} : { providerMetadata: { anthropic } }) });
      return;
    }
    case 'tool': {
      if (block.inputParts.length === 0 && hasKeys(block.startInput)) {
        // A tool_use that arrived with its input whole in content_block_start.
        const whole = JSON.stringify(block.startInput);
        block.inputParts.push(whole);
        emit({ type: 'tool-input-delta', id: block.id, delta: whole });
      }
      const joined = block.inputParts.join('');
      emit({ type: 'tool-input-end', id: block.id });
      emit({
        type: 'tool-call',
        toolCallId: block.id,
        toolName: block.toolName,
        // A no-argument tool sends only `""` (PROTOCOLS A.5): its input is `{}`.
        input: joined.trim() === '' ? '{}' : joined,
        ...(incomplete ? { providerMetadata: { anthropic: { incompleteInput: true } } } : {}),
      });
      return;
    }
    case 'ignored':
      return;
    default: {
      const exhaustive: never = block.kind;
      throw new Error(`unknown block kind ${String(exhaustive)}`);
    }
  }
}

/** Closes every open block, in index order. */
export function closeAllBlocks(state: DecoderState, emit: Emit, incomplete: boolean): void {
  const indices = [...state.blocks.keys()].sort((a, b) => a - b);
  for (const index of indices) {
    const block = state.blocks.get(index);
    if (block !== undefined) closeBlock(block, emit, incomplete);
  }
  state.blocks.clear();
}

/** Emits `finish` from what the stream told us so far, and marks the state done. */
export function emitFinish(state: DecoderState, emit: Emit): void {
  closeAllBlocks(state, emit, true);
  const anthropic: Record<string, unknown> = {};
  if (state.stopSequence !== undefined) anthropic['stopSequence'] = state.stopSequence;
  if (state.stopDetails !== undefined && state.stopDetails !== null) anthropic['stopDetails'] = state.stopDetails;
  if (state.contextManagement !== undefined) anthropic['contextManagement'] = state.contextManagement;
  emit({
    type: 'finish',
    finishReason: mapAnthropicFinishReason(state.stopReason),
    usage: convertAnthropicUsage(state.rawUsage),
    ...(Object.keys(anthropic).length === 0 ? {} : { providerMetadata: { anthropic } }),
  });
  state.phase = 'done';
}

/** Closes open blocks, emits an in-band error, and marks the state done. */
export function emitError(state: DecoderState, emit: Emit, error: ChunkError): void {
  closeAllBlocks(state, emit, true);
  emit({ type: 'error', error });
  state.phase = 'done';
}
