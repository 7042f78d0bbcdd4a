import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import { fromChunkError } from '../../errors/gateway-error.js';
import { mergeUsage, type CanonicalChunk, type ChunkOf, type Usage } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { convertToOpenAIChatUsage } from './convert-openai-chat-usage.js';
import { toOpenAIChatFinishReason } from './map-openai-chat-finish-reason.js';
import { renderOpenAIChatError } from './openai-chat-error.js';
import { readOpenAIChatMetadata } from './openai-chat-provider-options.js';

export interface CanonicalToOpenAIChatEventsOptions {
  /** `chatcmpl-…`, repeated on every chunk. */
  readonly id: string;
  readonly model: string;
  /** Seconds since the epoch. */
  readonly created: number;
  /** The client asked for `stream_options.include_usage`: send the trailing usage chunk. */
  readonly includeUsage: boolean;
}

interface EncoderState {
  roleSent: boolean;
  /** Tool calls get their own counter from 0 without gaps (D.4), whatever the upstream numbered. */
  readonly toolIndexes: Map<string, { readonly index: number; argumentsSent: boolean }>;
  readonly refusalTextIds: Set<string>;
  usage: Usage;
  done: boolean;
}

type Send = (data: string) => void;
type Delta = Record<string, unknown>;

function sendChunk(options: CanonicalToOpenAIChatEventsOptions, send: Send, choices: unknown[], extra: Delta = {}): void {
  send(
    JSON.stringify({ id: options.id, object: 'chat.completion.chunk', created: options.created, model: options.model, choices, ...extra }),
  );
}

function startToolCall(state: EncoderState, toolCallId: string, toolName: string): Delta {
  const index = state.toolIndexes.size;
  state.toolIndexes.set(toolCallId, { index, argumentsSent: false });
  return { tool_calls: [{ index, id: toolCallId, type: 'function', function: { name: toolName, arguments: '' } }] };
}

function toolArguments(state: EncoderState, toolCallId: string, fragment: string): Delta | undefined {
  const call = state.toolIndexes.get(toolCallId);
  if (call === undefined || fragment === '') return undefined;
  call.argumentsSent = true;
  return { tool_calls: [{ index: call.index, function: { arguments: fragment } }] };
}

/** A `tool-call` after a streamed input needs nothing; a lone one becomes start + one arguments delta. */
function toolCallDeltas(state: EncoderState, chunk: ChunkOf<'tool-call'>): Delta[] {
  const deltas: Delta[] = [];
  if (!state.toolIndexes.has(chunk.toolCallId)) deltas.push(startToolCall(state, chunk.toolCallId, chunk.toolName));
  if (state.toolIndexes.get(chunk.toolCallId)?.argumentsSent !== true) {
    const delta = toolArguments(state, chunk.toolCallId, chunk.input === '' ? '{}' : chunk.input);
    if (delta !== undefined) deltas.push(delta);
  }
  return deltas;
}

/** The deltas one canonical chunk turns into; `finish` and `error` are handled by the operator. */
function deltasFor(state: EncoderState, chunk: CanonicalChunk): Delta[] {
  switch (chunk.type) {
    case 'text-start':
      if (readOpenAIChatMetadata(chunk.providerMetadata).refusal === true) state.refusalTextIds.add(chunk.id);
      return [];
    case 'text-delta':
      if (chunk.delta === '') return [];
      return [state.refusalTextIds.has(chunk.id) ? { refusal: chunk.delta } : { content: chunk.delta }];
    case 'reasoning-delta':
      return chunk.delta === '' ? [] : [{ reasoning_content: chunk.delta }];
    case 'tool-input-start':
      return [startToolCall(state, chunk.id, chunk.toolName)];
    case 'tool-input-delta': {
      const delta = toolArguments(state, chunk.id, chunk.delta);
      return delta === undefined ? [] : [delta];
    }
    case 'tool-call':
      return toolCallDeltas(state, chunk);
    case 'usage':
      state.usage = mergeUsage(state.usage, chunk.usage);
      return [];
    case 'stream-start':
    case 'response-metadata':
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-end':
    case 'tool-input-end':
    case 'raw':
    case 'finish':
    case 'error':
      return [];
    default: {
      const exhausted: never = chunk;
      return exhausted;
    }
  }
}

/**
 * Encodes canonical chunks as the Chat Completions stream the official SDK parses: every chunk
 * carries `id`, `object`, `created`, `model`; the first delta is `{role:"assistant", content:""}`;
 * tool calls are numbered 0, 1, … by their own counter; `finish` becomes `delta:{}` with the
 * `finish_reason`, then (when asked) a `choices: []` usage chunk, then `[DONE]` exactly once.
 * An `error` chunk becomes `data: {"error":…}` and ends the stream without `[DONE]` (A.7).
 *
 * ```
 * chunks: --ts--td("Hi")--te--f--|
 * events: --{role}--{content:"Hi"}--{finish_reason}--{usage}--[DONE]--|
 * ```
 *
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @example
 * chunks$.pipe(canonicalToOpenAIChatEvents({ id: 'chatcmpl-1', model: 'gpt-4.1', created: 1, includeUsage: true }), map(serializeSse));
 */
export function canonicalToOpenAIChatEvents(
  options: CanonicalToOpenAIChatEventsOptions,
): OperatorFunction<CanonicalChunk, SseEvent> {
  return (source) =>
    new Observable<SseEvent>((subscriber) => {
      const state: EncoderState = { roleSent: false, toolIndexes: new Map(), refusalTextIds: new Set(), usage: {}, done: false };
      const send: Send = (data) => subscriber.next({ data });
      const sendDelta = (delta: Delta, finishReason: string | null = null): void => {
        if (!state.roleSent) {
          state.roleSent = true;
          // The SDK needs a role on some delta ("missing role for choice 0" otherwise).
          sendChunk(options, send, [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]);
        }
        if (Object.keys(delta).length === 0 && finishReason === null) return;
        sendChunk(options, send, [{ index: 0, delta, logprobs: null, finish_reason: finishReason }]);
      };
      const finish = (chunk: ChunkOf<'finish'> | undefined): void => {
        state.done = true;
        const usage = chunk === undefined ? state.usage : mergeUsage(state.usage, chunk.usage);
        sendDelta({}, toOpenAIChatFinishReason(chunk?.finishReason.unified ?? 'stop', state.toolIndexes.size > 0));
        if (options.includeUsage) sendChunk(options, send, [], { usage: convertToOpenAIChatUsage(usage) });
        send('[DONE]');
        subscriber.complete();
      };
      const fail = (chunk: ChunkOf<'error'>): void => {
        state.done = true;
        send(JSON.stringify(renderOpenAIChatError(fromChunkError(chunk.error)).body));
        subscriber.complete();
      };
      let subscription: Subscription | undefined = undefined;
      subscription = source.subscribe({
        next: (chunk) => {
          if (state.done) return;
          if (chunk.type === 'finish') finish(chunk);
          else if (chunk.type === 'error') fail(chunk);
          else for (const delta of deltasFor(state, chunk)) sendDelta(delta);
          if (state.done) subscription?.unsubscribe();
        },
        error: (error: unknown) => subscriber.error(error),
        // A source that ends without `finish` still gets a well-formed ending for the SDK.
        complete: () => (state.done ? subscriber.complete() : finish(undefined)),
      });
      if (state.done) subscription.unsubscribe();
      return () => subscription?.unsubscribe();
    });
}
