import { isLeft } from 'fp-ts/lib/Either.js';
import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import { GatewayError } from '../../errors/gateway-error.js';
import { mergeUsage, type CanonicalChunk, type FinishReason, type Usage } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { formatOpenAIChatValidationError } from './format-openai-chat-validation-error.js';
import { convertOpenAIChatUsage } from './convert-openai-chat-usage.js';
import { mapOpenAIChatFinishReason } from './map-openai-chat-finish-reason.js';
import {
  openAIChatStreamChunkCodec,
  readOpenAIChatContentText,
  readOpenAIChatWireError,
  type OpenAIChatStreamChunk,
  type OpenAIChatStreamDelta,
} from './openai-chat-response-wire.js';
import { createToolCallAssembler, type ToolCallAssembler } from './openai-chat-tool-call-assembler.js';

export interface OpenAIChatEventsToCanonicalOptions {
  /** Makes ids for tool calls the upstream sent without one; default `call_<response id>_<index>`. */
  readonly generateId?: (prefix: string) => string;
}

type BlockKind = 'text' | 'refusal' | 'reasoning';

interface DecoderState {
  responseId: string | undefined;
  metadataSent: boolean;
  openBlock: { readonly kind: BlockKind; readonly id: string } | undefined;
  blockCount: number;
  finishReason: FinishReason | undefined;
  usage: Usage | undefined;
  done: boolean;
  tools: ToolCallAssembler;
}

type Emit = (chunk: CanonicalChunk) => void;

function closeBlock(state: DecoderState, emit: Emit): void {
  const block = state.openBlock;
  if (block === undefined) return;
  state.openBlock = undefined;
  emit({ type: block.kind === 'reasoning' ? 'reasoning-end' : 'text-end', id: block.id });
}

/** Appends to the block of `kind`, closing a block of another kind first. Empty deltas open nothing. */
function appendToBlock(state: DecoderState, emit: Emit, kind: BlockKind, delta: string): void {
  if (delta === '') return;
  if (state.openBlock?.kind !== kind) {
    closeBlock(state, emit);
    const id = `${kind === 'reasoning' ? 'reasoning' : 'text'}-${state.blockCount++}`;
    state.openBlock = { kind, id };
    if (kind === 'reasoning') emit({ type: 'reasoning-start', id });
    else if (kind === 'refusal') emit({ type: 'text-start', id, providerMetadata: { openai: { refusal: true } } });
    else emit({ type: 'text-start', id });
  }
  const id = state.openBlock?.id ?? '';
  emit(kind === 'reasoning' ? { type: 'reasoning-delta', id, delta } : { type: 'text-delta', id, delta });
}

function handleMetadata(state: DecoderState, chunk: OpenAIChatStreamChunk, emit: Emit): void {
  // Azure's first chunk has id "", model "" and created 0: wait for a real one.
  if (state.metadataSent || ((chunk.id ?? '') === '' && (chunk.model ?? '') === '')) return;
  state.metadataSent = true;
  state.responseId = chunk.id ?? undefined;
  const extras = { systemFingerprint: chunk.system_fingerprint ?? undefined, serviceTier: chunk.service_tier ?? undefined };
  const present = Object.entries(extras).filter(([, value]) => value !== undefined);
  emit({
    type: 'response-metadata',
    ...(chunk.id == null || chunk.id === '' ? {} : { id: chunk.id }),
    ...(chunk.model == null || chunk.model === '' ? {} : { modelId: chunk.model }),
    ...(chunk.created == null || chunk.created === 0 ? {} : { created: chunk.created }),
    ...(present.length === 0 ? {} : { providerMetadata: { openai: Object.fromEntries(present) } }),
  });
}

function handleDelta(state: DecoderState, delta: OpenAIChatStreamDelta, emit: Emit): void {
  appendToBlock(state, emit, 'reasoning', delta.reasoning_content ?? delta.reasoning ?? '');
  appendToBlock(state, emit, 'text', readOpenAIChatContentText(delta.content));
  appendToBlock(state, emit, 'refusal', delta.refusal ?? '');
  const closeTextBlocks = (): void => closeBlock(state, emit);
  for (const fragment of delta.tool_calls ?? []) state.tools.push(fragment, closeTextBlocks);
  // The legacy `function_call` delta is one call without an index or id.
  if (delta.function_call != null) state.tools.push({ index: 0, function: delta.function_call }, closeTextBlocks);
}

function handleFinishReason(state: DecoderState, reason: string, emit: Emit): void {
  state.finishReason = mapOpenAIChatFinishReason(reason);
  closeBlock(state, emit);
  state.tools.flush();
}

/** Emits the held finish: usage may come after `finish_reason` (D.9), so this waits for the end. */
function finishStream(state: DecoderState, emit: Emit): void {
  if (state.done) return;
  state.done = true;
  closeBlock(state, emit);
  state.tools.flush();
  emit({ type: 'finish', finishReason: state.finishReason ?? { unified: 'other', raw: undefined }, usage: state.usage ?? {} });
}

function failStream(state: DecoderState, emit: Emit, error: GatewayError): void {
  state.done = true;
  closeBlock(state, emit);
  emit({ type: 'error', error: error.toChunkError() });
}

function handleChunk(state: DecoderState, chunk: OpenAIChatStreamChunk, emit: Emit): void {
  const wireError = chunk.error == null ? undefined : readOpenAIChatWireError(chunk.error);
  if (wireError !== undefined) {
    const info = { upstreamType: wireError.type, upstreamCode: wireError.code, param: wireError.param };
    failStream(state, emit, new GatewayError('GW_ERR_UPSTREAM_STREAM_ERROR', wireError.message, { statusCode: wireError.status, info }));
    return;
  }
  handleMetadata(state, chunk, emit);
  if (chunk.usage != null) state.usage = mergeUsage(state.usage ?? {}, convertOpenAIChatUsage(chunk.usage));
  // Only the first choice is served (`n` > 1 is reported as unsupported by the request decoder).
  const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
  if (choice === undefined) return; // Azure `prompt_filter_results`, usage-only chunks
  if (choice.delta != null) handleDelta(state, choice.delta, emit);
  if (choice.finish_reason != null && choice.finish_reason !== '') handleFinishReason(state, choice.finish_reason, emit);
}

function handleEvent(state: DecoderState, event: SseEvent, emit: Emit): void {
  const data = event.data.trim();
  if (data === '') return;
  if (data === '[DONE]') {
    finishStream(state, emit);
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    failStream(state, emit, new GatewayError('GW_ERR_UPSTREAM_PROTOCOL', `Upstream sent a non-JSON event: ${data.slice(0, 80)}`));
    return;
  }
  // `is` checks the same shape without building a decode context per chunk (this runs for every
  // upstream event); `decode` runs only to explain a malformed one.
  if (openAIChatStreamChunkCodec.is(json)) {
    handleChunk(state, json, emit);
    return;
  }
  const decoded = openAIChatStreamChunkCodec.decode(json);
  if (isLeft(decoded)) {
    const problem = formatOpenAIChatValidationError(decoded.left);
    failStream(state, emit, new GatewayError('GW_ERR_UPSTREAM_PROTOCOL', `Upstream chunk is malformed: ${problem.message}`));
    return;
  }
  handleChunk(state, decoded.right, emit);
}

/**
 * Turns an OpenAI-compatible upstream's SSE events into canonical chunks.
 *
 * `[DONE]` (or the end of the stream, if it never comes) ends the output with a `finish` that
 * carries the held usage; `data: {"error":…}` becomes an `error` chunk and ends the output. A
 * stream that ends without a `finish_reason` gets a finish with reason `other`.
 *
 * ```
 * events: --{role}--{content:"Hi"}--{finish_reason:"stop"}--{usage}--[DONE]--|
 * chunks: --meta----ts-td-----------te-------------------------------(f|)
 * ```
 *
 * @param options `generateId` for tool calls that arrive without an id.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @example
 * body$.pipe(parseSse(), openaiChatEventsToCanonical()).subscribe(console.log);
 */
export function openaiChatEventsToCanonical(
  options: OpenAIChatEventsToCanonicalOptions = {},
): OperatorFunction<SseEvent, CanonicalChunk> {
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      const emit: Emit = (chunk) => subscriber.next(chunk);
      const state: DecoderState = {
        responseId: undefined,
        metadataSent: false,
        openBlock: undefined,
        blockCount: 0,
        finishReason: undefined,
        usage: undefined,
        done: false,
        tools: createToolCallAssembler(emit, (index) =>
          options.generateId?.('call_') ?? `call_${state.responseId ?? 'openai'}_${index}`,
        ),
      };
      let subscription: Subscription | undefined;
      let stopped = false;
      subscription = source.subscribe({
        next: (event) => {
          if (state.done) return;
          handleEvent(state, event, emit);
          if (state.done) {
            // `[DONE]` or an error ends the response: stop reading whatever follows.
            stopped = true;
            subscriber.complete();
            subscription?.unsubscribe();
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          finishStream(state, emit);
          subscriber.complete();
        },
      });
      if (stopped) subscription.unsubscribe();
      return () => subscription?.unsubscribe();
    });
}
