import type { CanonicalChunk, ProviderMetadata } from '../../streams/canonical-chunk.js';
import { convertOpenAIResponsesUsage } from './convert-openai-responses-usage.js';
import { SUMMARY_SEPARATOR } from './decode-openai-responses-input.js';
import { mapOpenAIResponsesFinishReason } from './map-openai-responses-finish-reason.js';
import { chunkErrorFromOpenAIResponsesError } from './openai-responses-error.js';
import type { ResponsesOutputItem, ResponsesStreamEvent } from './openai-responses-wire.js';

interface CallState {
  readonly callId: string;
  readonly name: string;
  readonly itemId: string;
  readonly namespace?: string;
  readonly deltas: string[];
  argumentsDone?: string;
}

/** What the stream decoder keeps between events; one handler per event type reads and updates it. */
export interface ResponsesDecoderState {
  readonly emit: (chunk: CanonicalChunk) => void;
  /** Returns 'terminal' once the response has ended (finish or error emitted). */
  readonly handle: (event: ResponsesStreamEvent) => 'terminal' | undefined;
  /** Closes open blocks and emits `finish` (`other`) for a stream cut off before its end. */
  readonly endWithoutTerminal: () => void;
}

type Handler = (event: ResponsesStreamEvent) => 'terminal' | undefined;

/**
 * Creates the decoding state machine behind `openAIResponsesEventsToCanonical`.
 *
 * @example
 * const state = createResponsesDecoderState({ emit: (chunk) => chunks.push(chunk), generateId });
 * state.handle({ type: 'response.output_text.delta', item_id: 'msg_1', content_index: 0, delta: 'Hi' });
 */
export function createResponsesDecoderState(context: {
  emit: (chunk: CanonicalChunk) => void;
  generateId: (prefix: string) => string;
}): ResponsesDecoderState {
  const { emit } = context;
  let metadataSent = false;
  let hasFunctionCall = false;
  const itemIds = new Map<number, string>(); // output_index → item id, for events without item_id
  const openTexts = new Set<string>();
  const seenTexts = new Set<string>();
  const openReasoning = new Set<string>();
  const seenReasoning = new Set<string>();
  const reasoningWithText = new Set<string>();
  const calls = new Map<string, CallState>(); // by item id

  const itemIdOf = (event: ResponsesStreamEvent): string =>
    event.item_id ?? itemIds.get(event.output_index ?? -1) ?? `item_${event.output_index ?? 0}`;
  const textKey = (itemId: string, contentIndex: number | null | undefined): string =>
    (contentIndex ?? 0) === 0 ? itemId : `${itemId}:${contentIndex}`;

  const textDelta = (id: string, delta: string, providerMetadata?: ProviderMetadata): void => {
    if (!openTexts.has(id)) {
      if (seenTexts.has(id)) return; // a late delta for a finished part: the block is closed
      openTexts.add(id);
      seenTexts.add(id);
      emit({ type: 'text-start', id, ...(providerMetadata === undefined ? {} : { providerMetadata }) });
    }
    if (delta.length > 0) emit({ type: 'text-delta', id, delta });
  };
  const textEnd = (id: string): void => {
    if (openTexts.delete(id)) emit({ type: 'text-end', id });
  };
  const reasoningStart = (itemId: string): void => {
    if (openReasoning.has(itemId) || seenReasoning.has(itemId)) return;
    openReasoning.add(itemId);
    seenReasoning.add(itemId);
    emit({ type: 'reasoning-start', id: itemId, providerMetadata: { openai: { itemId } } });
  };
  const reasoningDelta = (itemId: string, delta: string): void => {
    reasoningStart(itemId);
    if (delta.length === 0 || !openReasoning.has(itemId)) return;
    reasoningWithText.add(itemId);
    emit({ type: 'reasoning-delta', id: itemId, delta });
  };

  const startCall = (item: ResponsesOutputItem, itemId: string): CallState => {
    const call: CallState = {
      callId: item.call_id ?? context.generateId('call_'),
      name: item.name ?? '',
      itemId,
      deltas: [],
      ...(item.namespace == null ? {} : { namespace: item.namespace }),
    };
    calls.set(itemId, call);
    hasFunctionCall = true;
    emit({ type: 'tool-input-start', id: call.callId, toolName: call.name, providerMetadata: { openai: callMetadata(call) } });
    return call;
  };
  const finishCall = (call: CallState, item: ResponsesOutputItem | undefined): void => {
    calls.delete(call.itemId);
    emit({ type: 'tool-input-end', id: call.callId });
    const input = item?.arguments ?? call.argumentsDone ?? call.deltas.join('');
    emit({
      type: 'tool-call',
      toolCallId: call.callId,
      toolName: call.name,
      input: input.length === 0 ? '{}' : input,
      providerMetadata: { openai: callMetadata(call) },
    });
  };

  const closeAll = (): void => {
    for (const id of [...openTexts]) textEnd(id);
    for (const itemId of [...openReasoning]) {
      openReasoning.delete(itemId);
      emit({ type: 'reasoning-end', id: itemId, providerMetadata: { openai: { itemId } } });
    }
    for (const call of [...calls.values()]) finishCall(call, undefined);
  };

  const itemAdded: Handler = (event) => {
    const item = event.item;
    if (item == null) return undefined;
    const itemId = item.id ?? context.generateId(item.type === 'function_call' ? 'fc_' : 'item_');
    if (event.output_index != null) itemIds.set(event.output_index, itemId);
    if (item.type === 'reasoning') reasoningStart(itemId);
    else if (item.type === 'function_call' && !calls.has(itemId)) startCall(item, itemId);
    return undefined;
  };

  const itemDone: Handler = (event) => {
    const item = event.item;
    if (item == null) return undefined;
    const itemId = item.id ?? itemIdOf(event);
    if (item.type === 'message') messageDone(item, itemId);
    else if (item.type === 'reasoning') reasoningDone(item, itemId);
    else if (item.type === 'function_call') finishCall(calls.get(itemId) ?? startCall(item, itemId), item);
    return undefined;
  };

  /** Parts never streamed as deltas (some upstreams send only the finished item) are emitted whole. */
  const messageDone = (item: ResponsesOutputItem, itemId: string): void => {
    (item.content ?? []).forEach((part, index) => {
      const id = textKey(itemId, index);
      const text = part.type === 'output_text' ? part.text : part.type === 'refusal' ? part.refusal : undefined;
      if (!seenTexts.has(id) && typeof text === 'string' && text.length > 0) textDelta(id, text);
      textEnd(id);
    });
    for (const id of [...openTexts]) if (id === itemId || id.startsWith(`${itemId}:`)) textEnd(id);
  };

  const reasoningDone = (item: ResponsesOutputItem, itemId: string): void => {
    reasoningStart(itemId);
    // Summaries never streamed as deltas (non-stream bodies, terse upstreams) come from the item.
    if (!reasoningWithText.has(itemId)) reasoningDelta(itemId, (item.summary ?? []).map((part) => part.text ?? '').join(SUMMARY_SEPARATOR));
    if (!openReasoning.delete(itemId)) return;
    const openai = { itemId, ...(item.encrypted_content == null ? {} : { encryptedContent: item.encrypted_content }) };
    emit({ type: 'reasoning-end', id: itemId, providerMetadata: { openai } });
  };

  const terminal: Handler = (event) => {
    const response = event.response ?? {};
    closeAll();
    const status = response.status ?? (event.type === 'response.completed' ? 'completed' : 'incomplete');
    const usage = convertOpenAIResponsesUsage(response.usage);
    const finishReason = mapOpenAIResponsesFinishReason({
      status,
      incompleteReason: response.incomplete_details?.reason ?? null,
      hasFunctionCall,
    });
    emit({ type: 'finish', finishReason, usage, ...(response.id == null ? {} : { providerMetadata: { openai: { responseId: response.id } } }) });
    return 'terminal';
  };

  const handlers: Readonly<Record<string, Handler>> = {
    'response.created': (event) => {
      const response = event.response;
      if (metadataSent || response == null) return undefined;
      metadataSent = true;
      emit({
        type: 'response-metadata',
        ...(response.id == null ? {} : { id: response.id }),
        ...(response.model == null ? {} : { modelId: response.model }),
        ...(response.created_at == null ? {} : { created: response.created_at }),
      });
      return undefined;
    },
    'response.output_item.added': itemAdded,
    'response.output_item.done': itemDone,
    'response.output_text.delta': (event) => {
      textDelta(textKey(itemIdOf(event), event.content_index), event.delta ?? '');
      return undefined;
    },
    'response.refusal.delta': (event) => {
      textDelta(textKey(itemIdOf(event), event.content_index), event.delta ?? '', { openai: { refusal: true } });
      return undefined;
    },
    'response.output_text.done': (event) => {
      const id = textKey(itemIdOf(event), event.content_index);
      if (!seenTexts.has(id) && (event.text ?? '').length > 0) textDelta(id, event.text ?? '');
      textEnd(id);
      return undefined;
    },
    'response.content_part.done': (event) => {
      textEnd(textKey(itemIdOf(event), event.content_index));
      return undefined;
    },
    'response.reasoning_summary_part.added': (event) => {
      // Summary parts are joined into one reasoning text, as the request decoder joins them.
      if ((event.summary_index ?? 0) > 0) reasoningDelta(itemIdOf(event), SUMMARY_SEPARATOR);
      return undefined;
    },
    'response.reasoning_summary_text.delta': (event) => {
      reasoningDelta(itemIdOf(event), event.delta ?? '');
      return undefined;
    },
    'response.reasoning_text.delta': (event) => {
      reasoningDelta(itemIdOf(event), event.delta ?? '');
      return undefined;
    },
    'response.function_call_arguments.delta': (event) => {
      const call = calls.get(itemIdOf(event));
      if (call !== undefined && (event.delta ?? '').length > 0) {
        call.deltas.push(event.delta ?? '');
        emit({ type: 'tool-input-delta', id: call.callId, delta: event.delta ?? '' });
      }
      return undefined;
    },
    'response.function_call_arguments.done': (event) => {
      const call = calls.get(itemIdOf(event));
      if (call !== undefined && event.arguments != null) call.argumentsDone = event.arguments;
      return undefined;
    },
    'response.completed': terminal,
    'response.incomplete': terminal,
    'response.failed': (event) => {
      const error = event.response?.error ?? { message: 'The upstream response failed.' };
      emit({ type: 'error', error: chunkErrorFromOpenAIResponsesError(error) });
      return 'terminal';
    },
    error: (event) => {
      // The SDK types put the fields at the top level; the real API nests them under `error`.
      const error = event.error ?? { code: event.code ?? null, message: event.message ?? null, param: event.param ?? null };
      emit({ type: 'error', error: chunkErrorFromOpenAIResponsesError(error) });
      return 'terminal';
    },
  };

  return {
    emit,
    handle: (event) => handlers[event.type]?.(event),
    endWithoutTerminal: () => {
      closeAll();
      emit({ type: 'finish', finishReason: { unified: 'other', raw: undefined }, usage: {} });
    },
  };
}

function callMetadata(call: CallState): Record<string, unknown> {
  return { itemId: call.itemId, ...(call.namespace === undefined ? {} : { namespace: call.namespace }) };
}
