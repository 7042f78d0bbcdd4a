import { Observable, type OperatorFunction } from 'rxjs';
import { mergeUsage, type CanonicalChunk, type ChunkOf, type Usage } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { anthropicStreamErrorPayload } from './anthropic-error.js';
import {
  closeLive,
  createEmitterWire,
  enqueue,
  flushAll,
  pump,
  sendDelta,
  sendEvent,
  type BlockKind,
  type EmitterBlock,
  type EmitterWire,
  type Send,
} from './anthropic-emitter-state.js';
import { toAnthropicUsage } from './convert-anthropic-usage.js';
import { toAnthropicStopReason } from './map-anthropic-finish-reason.js';

export interface CanonicalToAnthropicEventsOptions {
  /** The `msg_…` id of the message. */
  readonly id: string;
  readonly model: string;
  /** Input tokens for `message_start` when the upstream has not reported them yet. */
  readonly inputTokens?: number;
  /** Send `event: ping` right after `message_start`, as Anthropic does. */
  readonly ping?: boolean;
}

interface EmitterState {
  readonly wire: EmitterWire;
  started: boolean;
  usage: Usage;
}

function block(state: EmitterState, kind: BlockKind, id: string, toolName = ''): EmitterBlock {
  // Keyed by kind too: a text block and a tool call may share an id.
  const key = `${kind}:${id}`;
  const existing = state.wire.blocks.get(key);
  if (existing !== undefined) return existing;
  const created: EmitterBlock = {
    kind, id, toolName, startMetadata: undefined, endMetadata: undefined, pending: [], ended: false, sawDelta: false, status: 'idle',
  };
  state.wire.blocks.set(key, created);
  return created;
}

function addDelta(state: EmitterState, target: EmitterBlock, delta: string, send: Send): void {
  if (delta === '' || target.status === 'done') return;
  target.sawDelta = true;
  if (target.status === 'live') sendDelta(state.wire, target, delta, send);
  else {
    target.pending.push(delta);
    enqueue(state.wire, target);
  }
}

function hasAnthropicMetadata(chunk: ChunkOf<'reasoning-start'> | ChunkOf<'reasoning-end'>, key: string): boolean {
  return typeof chunk.providerMetadata?.['anthropic']?.[key] === 'string';
}

/** One handler per content chunk type; each leaves the wire consistent (then `pump` runs). */
function handleContent(state: EmitterState, chunk: CanonicalChunk, send: Send): void {
  switch (chunk.type) {
    case 'text-start':
      block(state, 'text', chunk.id).startMetadata = chunk.providerMetadata;
      return;
    case 'reasoning-start': {
      const reasoning = block(state, 'reasoning', chunk.id);
      reasoning.startMetadata = chunk.providerMetadata;
      // A redacted block arrives whole; other blocks go out lazily, so an empty one never does.
      if (hasAnthropicMetadata(chunk, 'redactedData')) enqueue(state.wire, reasoning);
      return;
    }
    case 'tool-input-start':
      enqueue(state.wire, block(state, 'tool', chunk.id, chunk.toolName));
      return;
    case 'text-delta':
      return addDelta(state, block(state, 'text', chunk.id), chunk.delta, send);
    case 'reasoning-delta':
      return addDelta(state, block(state, 'reasoning', chunk.id), chunk.delta, send);
    case 'tool-input-delta':
      return addDelta(state, block(state, 'tool', chunk.id), chunk.delta, send);
    case 'text-end':
      return endBlock(block(state, 'text', chunk.id));
    case 'reasoning-end': {
      const reasoning = block(state, 'reasoning', chunk.id);
      reasoning.endMetadata = chunk.providerMetadata;
      if (hasAnthropicMetadata(chunk, 'signature')) enqueue(state.wire, reasoning);
      return endBlock(reasoning);
    }
    case 'tool-input-end': {
      // Without any delta, the arguments come with the `tool-call` that follows: wait for it.
      const tool = block(state, 'tool', chunk.id);
      if (tool.sawDelta) endBlock(tool);
      return;
    }
    case 'tool-call': {
      const tool = block(state, 'tool', chunk.toolCallId, chunk.toolName);
      enqueue(state.wire, tool);
      if (!tool.sawDelta) addDelta(state, tool, chunk.input, send);
      return endBlock(tool);
    }
    default:
      return;
  }
}

function endBlock(target: EmitterBlock): void {
  target.ended = true;
  if (target.status === 'idle') target.status = 'done';
}

function finishEvents(state: EmitterState, chunk: ChunkOf<'finish'>, send: Send): void {
  const usage = toAnthropicUsage(mergeUsage(state.usage, chunk.usage));
  const stopReason = toAnthropicStopReason(chunk.finishReason, state.wire.toolCallsEmitted);
  const stopSequence = chunk.providerMetadata?.['anthropic']?.['stopSequence'];
  sendEvent(send, {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: stopReason === 'stop_sequence' && typeof stopSequence === 'string' ? stopSequence : null },
    usage,
  });
  sendEvent(send, { type: 'message_stop' });
}

/**
 * Encodes canonical chunks as an Anthropic Messages SSE stream, as a strict state machine
 * (PROTOCOLS D.11): one `message_start` first (sent before the first block, so upstream input
 * usage can reach it), an optional `ping`, then per block `content_block_start` → deltas →
 * `content_block_stop` with sequential indices from 0, then `message_delta` (always with usage)
 * and `message_stop`. Text blocks whose deltas are all empty are never sent (D.5); thinking
 * blocks end with a `signature_delta` when `providerMetadata.anthropic.signature` is set; a lone
 * `tool-call` becomes start + one `input_json_delta` + stop; interleaved blocks are serialised
 * (see `anthropic-emitter-state.ts`).
 *
 * An `error` chunk closes the open block, sends `event: error` and completes, with no
 * `message_delta`/`message_stop` after it: that is what the Anthropic API itself does, and the
 * SDKs raise an APIError on the error event. A source that completes without `finish` is
 * finished as `end_turn` (or `tool_use`). `raw`, `stream-start` and `response-metadata` are ignored.
 *
 * ```
 * chunks: --text-start--text-delta("Hi")--text-end--finish|
 * events: --message_start,content_block_start,content_block_delta--content_block_stop--message_delta,message_stop|
 * ```
 *
 * @example
 * chunks$.pipe(canonicalToAnthropicEvents({ id: 'msg_1', model: 'claude-x' }), map(serializeSse));
 * @see https://platform.claude.com/docs/en/build-with-claude/streaming
 */
export function canonicalToAnthropicEvents(options: CanonicalToAnthropicEventsOptions): OperatorFunction<CanonicalChunk, SseEvent> {
  return (source) =>
    new Observable<SseEvent>((subscriber) => {
      const state: EmitterState = { wire: createEmitterWire(), started: false, usage: {} };
      const send: Send = (event) => subscriber.next(event);
      const ensureStarted = (): void => {
        if (state.started) return;
        state.started = true;
        const usage = toAnthropicUsage({ ...{}, ...state.usage, inputTokens: state.usage.inputTokens ?? options.inputTokens ?? 0 });
        sendEvent(send, {
          type: 'message_start',
          message: {
            id: options.id, type: 'message', role: 'assistant', model: options.model, content: [],
            stop_reason: null, stop_sequence: null, usage: { ...{}, ...usage, output_tokens: 0 },
          },
        });
        if (options.ping === true) sendEvent(send, { type: 'ping' });
      };
      const finish = (chunk: ChunkOf<'finish'>): void => {
        ensureStarted();
        flushAll(state.wire, send, ensureStarted);
        finishEvents(state, chunk, send);
        subscriber.complete();
      };
      const subscription = source.subscribe({
        next: (chunk) => {
          if (subscriber.closed) return;
          if (chunk.type === 'usage') state.usage = mergeUsage(state.usage, chunk.usage);
          else if (chunk.type === 'finish') finish(chunk);
          else if (chunk.type === 'error') {
            closeLive(state.wire, send);
            sendEvent(send, anthropicStreamErrorPayload(chunk.error));
            subscriber.complete();
          } else {
            handleContent(state, chunk, send);
            pump(state.wire, send, ensureStarted);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (!subscriber.closed) finish({ type: 'finish', finishReason: { unified: 'other', raw: undefined }, usage: {} });
        },
      });
      return () => {
        subscription.unsubscribe();
        state.wire.blocks.clear();
        state.wire.queue.length = 0;
      };
    });
}
