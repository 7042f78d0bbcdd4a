import type { ProviderMetadata } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';

/**
 * The wire side of {@link canonicalToAnthropicEvents}: a strict block scheduler (PROTOCOLS D.2,
 * D.3, D.11). At most one content block is open on the wire; each gets the next index from 0.
 * Content for a block that is not on the wire is buffered in its record and sent when the block
 * gets its turn, so no delta ever follows its block's stop and parallel tool calls never mix.
 * A text block on the wire yields as soon as another block has something to send (its later
 * text goes out as a new text block); thinking and tool blocks are never split, because a
 * thinking block carries one signature and a `tool_use` id must be unique.
 */

export type BlockKind = 'text' | 'reasoning' | 'tool';

export interface EmitterBlock {
  readonly kind: BlockKind;
  readonly id: string;
  readonly toolName: string;
  startMetadata: ProviderMetadata | undefined;
  endMetadata: ProviderMetadata | undefined;
  /** Deltas waiting for the wire. */
  pending: string[];
  /** The canonical block has ended (all its content is known). */
  ended: boolean;
  /** Some non-empty delta was seen (tool input: whether `tool-call` must supply it). */
  sawDelta: boolean;
  /** `idle`: nothing to send; `queued`: waiting for the wire; `live`: on the wire; `done`. */
  status: 'idle' | 'queued' | 'live' | 'done';
}

export interface EmitterWire {
  readonly blocks: Map<string, EmitterBlock>;
  readonly queue: EmitterBlock[];
  live: EmitterBlock | undefined;
  nextIndex: number;
  toolCallsEmitted: boolean;
}

export type Send = (event: SseEvent) => void;

export function sendEvent(send: Send, payload: { readonly type: string } & Record<string, unknown>): void {
  send({ event: payload.type, data: JSON.stringify(payload) });
}

export function createEmitterWire(): EmitterWire {
  return { blocks: new Map(), queue: [], live: undefined, nextIndex: 0, toolCallsEmitted: false };
}

function anthropicMetadata(metadata: ProviderMetadata | undefined, key: string): string | undefined {
  const value = metadata?.['anthropic']?.[key];
  return typeof value === 'string' ? value : undefined;
}

function blockStartPayload(block: EmitterBlock): Record<string, unknown> {
  switch (block.kind) {
    case 'text':
      return { type: 'text', text: '' };
    case 'reasoning': {
      const redactedData = anthropicMetadata(block.startMetadata, 'redactedData');
      return redactedData === undefined
        ? { type: 'thinking', thinking: '', signature: '' }
        : { type: 'redacted_thinking', data: redactedData };
    }
    case 'tool':
      return { type: 'tool_use', id: block.id, name: block.toolName, input: {} };
    default: {
      const exhaustive: never = block.kind;
      throw new Error(`unknown block kind ${String(exhaustive)}`);
    }
  }
}

function deltaPayload(block: EmitterBlock, delta: string): Record<string, unknown> | undefined {
  switch (block.kind) {
    case 'text':
      return { type: 'text_delta', text: delta };
    case 'reasoning':
      // A redacted block has no text; anything else claiming to be its text is dropped.
      return anthropicMetadata(block.startMetadata, 'redactedData') === undefined ? { type: 'thinking_delta', thinking: delta } : undefined;
    case 'tool':
      return { type: 'input_json_delta', partial_json: delta };
    default: {
      const exhaustive: never = block.kind;
      throw new Error(`unknown block kind ${String(exhaustive)}`);
    }
  }
}

/** Sends one delta of the live block. */
export function sendDelta(wire: EmitterWire, block: EmitterBlock, delta: string, send: Send): void {
  const payload = deltaPayload(block, delta);
  if (payload !== undefined) sendEvent(send, { type: 'content_block_delta', index: wire.nextIndex - 1, delta: payload });
}

function openOnWire(wire: EmitterWire, block: EmitterBlock, send: Send): void {
  sendEvent(send, { type: 'content_block_start', index: wire.nextIndex, content_block: blockStartPayload(block) });
  wire.nextIndex += 1;
  wire.live = block;
  block.status = 'live';
  if (block.kind === 'tool') wire.toolCallsEmitted = true;
  const pending = block.pending;
  block.pending = [];
  for (const delta of pending) sendDelta(wire, block, delta, send);
}

/** Ends the live block on the wire; a text block that has not ended may come back later. */
export function closeLive(wire: EmitterWire, send: Send): void {
  const block = wire.live;
  if (block === undefined) return;
  const signature = anthropicMetadata(block.endMetadata, 'signature') ?? anthropicMetadata(block.startMetadata, 'signature');
  if (block.kind === 'reasoning' && signature !== undefined && anthropicMetadata(block.startMetadata, 'redactedData') === undefined) {
    sendEvent(send, { type: 'content_block_delta', index: wire.nextIndex - 1, delta: { type: 'signature_delta', signature } });
  }
  sendEvent(send, { type: 'content_block_stop', index: wire.nextIndex - 1 });
  wire.live = undefined;
  block.status = block.ended ? 'done' : 'idle';
}

/** Puts a block with something to send in line for the wire. */
export function enqueue(wire: EmitterWire, block: EmitterBlock): void {
  if (block.status !== 'idle') return;
  block.status = 'queued';
  wire.queue.push(block);
}

/** Moves blocks onto the wire while it is free (a live text block yields to a queued block). */
export function pump(wire: EmitterWire, send: Send, beforeFirstBlock: () => void): void {
  for (;;) {
    if (wire.live !== undefined) {
      if (wire.live.ended) closeLive(wire, send);
      else if (wire.live.kind === 'text' && wire.queue.length > 0) closeLive(wire, send);
      else return;
    }
    const next = wire.queue.shift();
    if (next === undefined) return;
    beforeFirstBlock();
    openOnWire(wire, next, send);
  }
}

/** Sends everything still buffered and closes every block (before `message_delta`). */
export function flushAll(wire: EmitterWire, send: Send, beforeFirstBlock: () => void): void {
  for (const block of wire.blocks.values()) {
    block.ended = true;
    if (block.status === 'idle' && block.pending.length > 0) enqueue(wire, block);
  }
  pump(wire, send, beforeFirstBlock);
  closeLive(wire, send);
}
