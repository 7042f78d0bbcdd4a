import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import {
  assertNever,
  mergeUsage,
  type CanonicalChunk,
  type ChunkError,
  type ChunkOf,
  type ProviderMetadata,
  type Usage,
} from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { buildOpenAIResponsesObject, type OpenAIResponsesEcho } from './build-openai-responses-object.js';
import { toOpenAIResponsesOutcome } from './map-openai-responses-finish-reason.js';
import { openAIResponsesFailure, readRepairedText } from './openai-responses-structured-output.js';
import { toOpenAIResponsesErrorEvent } from './openai-responses-error.js';
import { functionCallItem, messageItem, outputTextPart, reasoningItem, type ItemStatus } from './openai-responses-output-items.js';

export interface CanonicalToOpenAIResponsesEventsOptions {
  readonly responseId: string;
  readonly model: string;
  /** Seconds since the epoch. */
  readonly createdAt: number;
  /** Returns a fresh id with the given prefix (`msg_`, `rs_`, `fc_`). */
  readonly generateId: (prefix: string) => string;
  /** Request fields echoed in every response object. */
  readonly echo?: OpenAIResponsesEcho;
  /** Function name → namespace, so calls of namespaced functions carry their `namespace`. */
  readonly toolNamespaces?: Readonly<Record<string, string>>;
}

/** One output item being streamed; deltas are kept as a list and joined once, at `done`. */
interface OpenItem {
  readonly kind: 'message' | 'reasoning' | 'function_call';
  readonly outputIndex: number;
  readonly itemId: string;
  readonly deltas: string[];
  summaryOpen: boolean;
  encryptedContent?: unknown;
  readonly callId?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/**
 * Encodes canonical chunks as an OpenAI Responses event stream with the strict lifecycle the
 * SDK's `ResponseStream` and Codex CLI rely on: `response.created`, `response.in_progress`, then
 * per item `output_item.added` → part/deltas → `output_item.done`, then exactly one terminal
 * event (`response.completed`, `.incomplete` or `.failed`). Every event carries `event:` = type
 * and a `sequence_number` counting from 0; `output_index` follows the order items start, and
 * items may be open at once (interleaved parallel tool calls). An `error` chunk closes open items,
 * then sends `error` (fields top-level and nested, D.19) and `response.failed`.
 *
 * ```
 * chunks: --text-start--text-delta--text-end--finish|
 * events: c,p--added,part.added--delta--done,part.done,item.done--completed|
 * ```
 *
 * @example
 * chunks$.pipe(canonicalToOpenAIResponsesEvents({ responseId: 'resp_1', model: 'gpt-5', createdAt: 0, generateId }), map(serializeSse));
 */
export function canonicalToOpenAIResponsesEvents(options: CanonicalToOpenAIResponsesEventsOptions): OperatorFunction<CanonicalChunk, SseEvent> {
  return (source) =>
    new Observable<SseEvent>((subscriber) => {
      let sequenceNumber = 0;
      let terminated = false;
      let usage: Usage = {};
      const output: Record<string, unknown>[] = [];
      const texts = new Map<string, OpenItem>();
      const reasonings = new Map<string, OpenItem>();
      const calls = new Map<string, OpenItem>();

      const emit = (type: string, fields: Record<string, unknown>): void => {
        subscriber.next({ event: type, data: JSON.stringify({ type, sequence_number: sequenceNumber++, ...fields }) });
      };
      const responseObject = (extra: Partial<Parameters<typeof buildOpenAIResponsesObject>[0]> & { status: 'in_progress' | 'completed' | 'incomplete' | 'failed' }) =>
        buildOpenAIResponsesObject({
          responseId: options.responseId,
          model: options.model,
          createdAt: options.createdAt,
          output: extra.status === 'in_progress' ? [] : output,
          ...(options.echo === undefined ? {} : { echo: options.echo }),
          ...extra,
        });
      const openItem = (kind: OpenItem['kind'], prefix: string, itemId: unknown, call?: Pick<OpenItem, 'callId' | 'name' | 'namespace'>): OpenItem => {
        const item: OpenItem = {
          kind,
          outputIndex: output.length,
          itemId: typeof itemId === 'string' && itemId.length > 0 ? itemId : options.generateId(prefix),
          deltas: [],
          summaryOpen: false,
          ...call,
        };
        output.push({}); // reserves the index; replaced by the finished item
        return item;
      };

      const startText = (id: string): OpenItem => {
        const item = openItem('message', 'msg_', undefined);
        texts.set(id, item);
        emit('response.output_item.added', { output_index: item.outputIndex, item: messageItem(item.itemId, 'in_progress', undefined) });
        emit('response.content_part.added', { item_id: item.itemId, output_index: item.outputIndex, content_index: 0, part: outputTextPart('') });
        return item;
      };
      const closeText = (item: OpenItem, status: ItemStatus, repairedText?: string): void => {
        // A structured-output repair cannot take back streamed deltas, so the `.done` events and the
        // final object carry the repaired text (the SDK's ResponseStream takes `.done` text as final).
        const text = repairedText ?? item.deltas.join('');
        const where = { item_id: item.itemId, output_index: item.outputIndex, content_index: 0 };
        emit('response.output_text.done', { ...{}, ...where, text, logprobs: [] });
        emit('response.content_part.done', { ...{}, ...where, part: outputTextPart(text) });
        output[item.outputIndex] = messageItem(item.itemId, status, text);
        emit('response.output_item.done', { output_index: item.outputIndex, item: output[item.outputIndex] });
      };

      const startReasoning = (chunk: { id: string; providerMetadata?: ChunkOf<'reasoning-start'>['providerMetadata'] }): OpenItem => {
        const item = openItem('reasoning', 'rs_', chunk.providerMetadata?.openai?.itemId);
        item.encryptedContent = chunk.providerMetadata?.openai?.encryptedContent;
        reasonings.set(chunk.id, item);
        emit('response.output_item.added', { output_index: item.outputIndex, item: reasoningItem(item.itemId, [], undefined) });
        return item;
      };
      const closeReasoning = (item: OpenItem): void => {
        const text = item.deltas.join('');
        const where = { item_id: item.itemId, output_index: item.outputIndex, summary_index: 0 };
        if (item.summaryOpen) {
          emit('response.reasoning_summary_text.done', { ...{}, ...where, text });
          emit('response.reasoning_summary_part.done', { ...{}, ...where, part: { type: 'summary_text', text } });
        }
        output[item.outputIndex] = reasoningItem(item.itemId, item.summaryOpen ? [text] : [], item.encryptedContent);
        emit('response.output_item.done', { output_index: item.outputIndex, item: output[item.outputIndex] });
      };

      const startCall = (callId: string, name: string, metadata: ProviderMetadata | undefined): OpenItem => {
        const namespace = options.toolNamespaces?.[name];
        // The upstream's own item id when it has one (native Responses passthrough): Codex replays
        // it, and OpenAI pairs a reasoning item with the function_call that followed it by id.
        const item = openItem('function_call', 'fc_', metadata?.openai?.itemId, { callId, name, ...(namespace === undefined ? {} : { namespace }) });
        calls.set(callId, item);
        emit('response.output_item.added', { output_index: item.outputIndex, item: functionCallItem(item.itemId, 'in_progress', { callId, name, arguments: '', namespace }) });
        return item;
      };
      const callDelta = (item: OpenItem, delta: string): void => {
        item.deltas.push(delta);
        emit('response.function_call_arguments.delta', { item_id: item.itemId, output_index: item.outputIndex, delta });
      };
      const closeCall = (item: OpenItem, status: ItemStatus, input?: string): void => {
        const args = input ?? item.deltas.join('');
        emit('response.function_call_arguments.done', { item_id: item.itemId, output_index: item.outputIndex, arguments: args });
        output[item.outputIndex] = functionCallItem(item.itemId, status, {
          callId: item.callId ?? '',
          name: item.name ?? '',
          arguments: args,
          namespace: item.namespace,
        });
        emit('response.output_item.done', { output_index: item.outputIndex, item: output[item.outputIndex] });
      };

      /** Closes every item still open, in `output_index` order, so the lifecycle stays whole. */
      const closeAll = (status: ItemStatus): void => {
        const open = [...texts.values(), ...reasonings.values(), ...calls.values()].sort((a, b) => a.outputIndex - b.outputIndex);
        for (const item of open) {
          if (item.kind === 'message') closeText(item, status);
          else if (item.kind === 'reasoning') closeReasoning(item);
          else closeCall(item, status);
        }
        texts.clear();
        reasonings.clear();
        calls.clear();
      };

      const finish = (chunk: ChunkOf<'finish'>): void => {
        const outcome = toOpenAIResponsesOutcome(chunk.finishReason.unified);
        closeAll(outcome.status === 'completed' ? 'completed' : 'incomplete');
        usage = mergeUsage(usage, chunk.usage);
        const type = outcome.status === 'completed' ? 'response.completed' : outcome.status === 'incomplete' ? 'response.incomplete' : 'response.failed';
        const error = outcome.status === 'failed' ? openAIResponsesFailure(chunk.finishReason.raw, chunk.providerMetadata) : undefined;
        emit(type, { response: responseObject({ status: outcome.status, usage, error, incompleteReason: outcome.incompleteReason }) });
        terminate();
      };
      const fail = (error: ChunkError): void => {
        closeAll('incomplete');
        emit('error', toOpenAIResponsesErrorEvent(error));
        const failure = { code: error.upstreamCode ?? error.code, message: error.message };
        emit('response.failed', { response: responseObject({ status: 'failed', error: failure, usage }) });
        terminate();
      };

      let sourceSubscription: Subscription | undefined;
      const terminate = (): void => {
        terminated = true;
        subscriber.complete();
        sourceSubscription?.unsubscribe();
      };

      const handle = (chunk: CanonicalChunk): void => {
        switch (chunk.type) {
          case 'text-start':
            if (!texts.has(chunk.id)) startText(chunk.id);
            return;
          case 'text-delta': {
            if (chunk.delta.length === 0) return;
            const item = texts.get(chunk.id) ?? startText(chunk.id);
            item.deltas.push(chunk.delta);
            emit('response.output_text.delta', { item_id: item.itemId, output_index: item.outputIndex, content_index: 0, delta: chunk.delta, logprobs: [] });
            return;
          }
          case 'text-end': {
            const item = texts.get(chunk.id);
            if (item !== undefined) closeText(item, 'completed', readRepairedText(chunk.providerMetadata));
            texts.delete(chunk.id);
            return;
          }
          case 'reasoning-start':
            if (!reasonings.has(chunk.id)) startReasoning(chunk);
            return;
          case 'reasoning-delta': {
            if (chunk.delta.length === 0) return;
            const item = reasonings.get(chunk.id) ?? startReasoning(chunk);
            const where = { item_id: item.itemId, output_index: item.outputIndex, summary_index: 0 };
            if (!item.summaryOpen) emit('response.reasoning_summary_part.added', { ...{}, ...where, part: { type: 'summary_text', text: '' } });
            item.summaryOpen = true;
            item.deltas.push(chunk.delta);
            emit('response.reasoning_summary_text.delta', { ...{}, ...where, delta: chunk.delta });
            return;
          }
          case 'reasoning-end': {
            const item = reasonings.get(chunk.id);
            if (item === undefined) return;
            item.encryptedContent = chunk.providerMetadata?.openai?.encryptedContent ?? item.encryptedContent;
            closeReasoning(item);
            reasonings.delete(chunk.id);
            return;
          }
          case 'tool-input-start':
            if (!calls.has(chunk.id)) startCall(chunk.id, chunk.toolName, chunk.providerMetadata);
            return;
          case 'tool-input-delta': {
            const item = calls.get(chunk.id);
            if (item !== undefined && chunk.delta.length > 0) callDelta(item, chunk.delta);
            return;
          }
          case 'tool-input-end':
            return; // the item closes on the `tool-call` that follows, which has the complete input
          case 'tool-call': {
            let item = calls.get(chunk.toolCallId);
            if (item === undefined) {
              // A call that arrived whole (Gemini, non-streaming upstreams): added + one delta + done.
              item = startCall(chunk.toolCallId, chunk.toolName, chunk.providerMetadata);
              if (chunk.input.length > 0) callDelta(item, chunk.input);
            }
            closeCall(item, 'completed', chunk.input);
            calls.delete(chunk.toolCallId);
            return;
          }
          case 'usage':
            usage = mergeUsage(usage, chunk.usage);
            return;
          case 'finish':
            finish(chunk);
            return;
          case 'error':
            fail(chunk.error);
            return;
          case 'stream-start':
          case 'response-metadata':
          case 'raw':
            return;
          default:
            assertNever(chunk);
        }
      };

      emit('response.created', { response: responseObject({ status: 'in_progress' }) });
      emit('response.in_progress', { response: responseObject({ status: 'in_progress' }) });
      sourceSubscription = source.subscribe({
        next: (chunk) => {
          if (!terminated) handle(chunk);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (terminated) return;
          // The chunk contract puts `finish` last; a source that ends without one was cut off.
          fail({ code: 'GW_ERR_UPSTREAM_PROTOCOL', statusCode: 502, message: 'The response ended without finishing.' });
        },
      });
      if (terminated) sourceSubscription.unsubscribe();
      return () => {
        sourceSubscription?.unsubscribe();
        texts.clear();
        reasonings.clear();
        calls.clear();
      };
    });
}
