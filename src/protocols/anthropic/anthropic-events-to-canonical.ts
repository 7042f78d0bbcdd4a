import { isLeft } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { Observable, type OperatorFunction } from 'rxjs';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { anthropicStatusForErrorType } from './anthropic-error.js';
import {
  anthropicContentBlockDeltaEventCodec,
  anthropicContentBlockStartEventCodec,
  anthropicContentBlockStopEventCodec,
  anthropicErrorPayloadCodec,
  anthropicMessageDeltaEventCodec,
  anthropicMessageStartEventCodec,
} from './anthropic-event-wire.js';
import {
  closeBlock,
  createDecoderState,
  emitError,
  emitFinish,
  openBlock,
  type DecoderState,
  type Emit,
} from './anthropic-decoder-state.js';
import { convertAnthropicUsage, overlayAnthropicUsage } from './convert-anthropic-usage.js';

type Handler = (state: DecoderState, payload: unknown, emit: Emit) => void;

function decodeOr<A>(codec: t.Decoder<unknown, A>, payload: unknown): A | undefined {
  const result = codec.decode(payload);
  return isLeft(result) ? undefined : result.right;
}

function protocolError(state: DecoderState, emit: Emit, message: string): void {
  emitError(state, emit, { code: 'GW_ERR_UPSTREAM_PROTOCOL', statusCode: 502, message });
}

const onMessageStart: Handler = (state, payload, emit) => {
  const event = decodeOr(anthropicMessageStartEventCodec, payload);
  if (event === undefined) return;
  if (state.phase === 'message') {
    // A duplicate message_start before any content is harmless (flaky upstreams repeat it);
    // one spliced into a message that already has content means two replies were mixed, so the
    // stream ends with an error rather than a made-up merge (PROTOCOLS D.21).
    if (state.sawBlock || state.stopReason !== undefined) {
      protocolError(state, emit, 'Upstream sent a second message_start before message_stop');
    }
    return;
  }
  state.phase = 'message';
  const { id, model, usage } = event.message;
  emit({ type: 'response-metadata', ...(id ? { id } : {}), ...(model ? { modelId: model } : {}) });
  if (usage) {
    state.rawUsage = overlayAnthropicUsage(state.rawUsage, usage);
    emit({ type: 'usage', usage: convertAnthropicUsage(state.rawUsage) });
  }
};

const onContentBlockStart: Handler = (state, payload, emit) => {
  const event = decodeOr(anthropicContentBlockStartEventCodec, payload);
  if (event === undefined) return;
  state.phase = 'message';
  state.sawBlock = true;
  const previous = state.blocks.get(event.index);
  if (previous !== undefined) closeBlock(previous, emit, true);
  state.blocks.set(event.index, openBlock(event.index, event.content_block, emit));
};

const onContentBlockDelta: Handler = (state, payload, emit) => {
  const event = decodeOr(anthropicContentBlockDeltaEventCodec, payload);
  const block = event === undefined ? undefined : state.blocks.get(event.index);
  if (event === undefined || block === undefined) return;
  const { delta } = event;
  if (delta.type === 'text_delta' && block.kind === 'text' && delta.text) {
    emit({ type: 'text-delta', id: block.id, delta: delta.text });
  } else if (delta.type === 'thinking_delta' && block.kind === 'reasoning' && delta.thinking) {
    emit({ type: 'reasoning-delta', id: block.id, delta: delta.thinking });
  } else if (delta.type === 'signature_delta' && block.kind === 'reasoning' && delta.signature) {
    block.signature = (block.signature ?? '') + delta.signature;
  } else if (delta.type === 'input_json_delta' && block.kind === 'tool' && delta.partial_json) {
    block.inputParts.push(delta.partial_json);
    emit({ type: 'tool-input-delta', id: block.id, delta: delta.partial_json });
  }
  // citations_delta, compaction_delta and future delta types: ignored (PROTOCOLS D.6).
};

const onContentBlockStop: Handler = (state, payload, emit) => {
  const event = decodeOr(anthropicContentBlockStopEventCodec, payload);
  const block = event === undefined ? undefined : state.blocks.get(event.index);
  if (event === undefined || block === undefined) return;
  state.blocks.delete(event.index);
  closeBlock(block, emit, false);
};

const onMessageDelta: Handler = (state, payload) => {
  const event = decodeOr(anthropicMessageDeltaEventCodec, payload);
  if (event === undefined) return;
  state.stopReason = event.delta?.stop_reason ?? state.stopReason;
  state.stopSequence = event.delta?.stop_sequence ?? state.stopSequence;
  state.stopDetails = event.delta?.stop_details ?? state.stopDetails;
  state.contextManagement = event.context_management ?? state.contextManagement;
  // Usage here is cumulative for the whole message: overlay, never add (SDK MessageStream).
  if (event.usage) state.rawUsage = overlayAnthropicUsage(state.rawUsage, event.usage);
};

const onMessageStop: Handler = (state, _payload, emit) => emitFinish(state, emit);

const onError: Handler = (state, payload, emit) => {
  const decoded = decodeOr(anthropicErrorPayloadCodec, payload);
  const upstreamType = decoded?.error?.type ?? undefined;
  emitError(state, emit, {
    code: 'GW_ERR_UPSTREAM_STREAM_ERROR',
    statusCode: anthropicStatusForErrorType(upstreamType) ?? 502,
    message: decoded?.error?.message ?? decoded?.message ?? 'Upstream stream error',
    ...(upstreamType === undefined ? {} : { upstreamType }),
  });
};

const handlers: Readonly<Record<string, Handler>> = {
  message_start: onMessageStart,
  content_block_start: onContentBlockStart,
  content_block_delta: onContentBlockDelta,
  content_block_stop: onContentBlockStop,
  message_delta: onMessageDelta,
  message_stop: onMessageStop,
  error: onError,
};

/** A function, not an inline test, so TypeScript does not narrow `phase` across handler calls. */
function isDone(state: DecoderState): boolean {
  return state.phase === 'done';
}

function eventType(event: SseEvent, payload: unknown): string | undefined {
  const type = typeof payload === 'object' && payload !== null ? (payload as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : event.event;
}

/**
 * Decodes an Anthropic Messages SSE stream into canonical chunks.
 *
 * - `ping` and unknown event, block and delta types are ignored;
 * - a duplicate `message_start` before any block is ignored; one spliced in after content closes
 *   the open blocks and ends with a `GW_ERR_UPSTREAM_PROTOCOL` error chunk;
 * - `event: error` closes open blocks and ends with a `GW_ERR_UPSTREAM_STREAM_ERROR` chunk
 *   (statusCode from the Anthropic type, e.g. 529 for `overloaded_error`);
 * - a block still open at `message_stop` or at the end of the bytes is closed (a tool call then
 *   carries `providerMetadata.anthropic.incompleteInput`), and a stream that ends without
 *   `message_stop` still finishes with the stop reason it got (or `other`);
 * - a stream with no events at all ends with a `GW_ERR_UPSTREAM_PROTOCOL` error chunk.
 *
 * ```
 * events: --start--block_start--delta("Hi")--block_stop--message_delta--message_stop|
 * chunks: --meta,usage--text-start--text-delta--text-end----------------finish|
 * ```
 *
 * @example
 * body$.pipe(parseSse(), anthropicEventsToCanonical()).subscribe((chunk) => console.log(chunk.type));
 * @see https://platform.claude.com/docs/en/build-with-claude/streaming
 */
export function anthropicEventsToCanonical(): OperatorFunction<SseEvent, CanonicalChunk> {
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      const state = createDecoderState();
      const emit: Emit = (chunk) => subscriber.next(chunk);
      const subscription = source.subscribe({
        next: (event) => {
          if (isDone(state) || subscriber.closed) return;
          let payload: unknown;
          try {
            payload = JSON.parse(event.data);
          } catch {
            protocolError(state, emit, 'Upstream sent an event whose data is not JSON');
            subscriber.complete();
            return;
          }
          state.sawEvent = true;
          const type = eventType(event, payload);
          const handler = type === undefined ? undefined : handlers[type];
          if (handler === undefined) return;
          handler(state, payload, emit);
          if (isDone(state)) subscriber.complete();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (!isDone(state)) {
            if (!state.sawEvent) protocolError(state, emit, 'Upstream stream ended without any event');
            else emitFinish(state, emit);
          }
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        state.blocks.clear();
      };
    });
}
