import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { OpenAIChatToolCallFragment } from './openai-chat-response-wire.js';

interface ToolCallState {
  id: string | undefined;
  name: string | undefined;
  /** Argument fragments, joined once at the end (no growing-string rebuilds per chunk). */
  readonly fragments: string[];
  started: boolean;
  ended: boolean;
}

export interface ToolCallAssembler {
  /** Feeds one `delta.tool_calls[]` fragment; `beforeStart` runs before a call's first chunk. */
  push(fragment: OpenAIChatToolCallFragment, beforeStart: () => void): void;
  /** Ends every open call: `tool-input-end` + `tool-call` with the joined arguments. */
  flush(): void;
  /** Whether any tool call was seen. */
  readonly hasCalls: () => boolean;
}

/**
 * Groups streamed tool-call fragments by their `index` (never by "the last id seen": continuation
 * fragments may carry `id: ""`, as Alibaba's do, and parallel calls interleave, D.2) and emits
 * `tool-input-start` → `tool-input-delta`* → `tool-input-end` → `tool-call` per call.
 *
 * @example
 * const tools = createToolCallAssembler(emit, (index) => `call_${index}`);
 * tools.push({ index: 0, id: 'c1', function: { name: 'f', arguments: '' } }, closeText);
 * tools.push({ index: 0, id: '', function: { arguments: '{}' } }, closeText);
 * tools.flush(); // … tool-input-end c1, tool-call { toolCallId: 'c1', input: '{}' }
 */
export function createToolCallAssembler(
  emit: (chunk: CanonicalChunk) => void,
  makeId: (index: number) => string,
): ToolCallAssembler {
  const calls = new Map<number, ToolCallState>();
  let lastIndex = -1;

  // Without an index (some older compatible servers), a new id means a new call.
  const resolveIndex = (fragment: OpenAIChatToolCallFragment): number => {
    if (typeof fragment.index === 'number') return fragment.index;
    const known = [...calls.values()].some((call) => call.id !== undefined && call.id === fragment.id);
    if (lastIndex === -1 || (fragment.id != null && fragment.id !== '' && !known)) return lastIndex + 1;
    return lastIndex;
  };

  const start = (call: ToolCallState, index: number): void => {
    call.id ??= makeId(index);
    call.started = true;
    emit({ type: 'tool-input-start', id: call.id, toolName: call.name ?? '' });
    const buffered = call.fragments.join('');
    if (buffered !== '') emit({ type: 'tool-input-delta', id: call.id, delta: buffered });
  };

  return {
    push(fragment, beforeStart) {
      const index = resolveIndex(fragment);
      lastIndex = Math.max(lastIndex, index);
      let call = calls.get(index);
      if (call === undefined) {
        call = { id: undefined, name: undefined, fragments: [], started: false, ended: false };
        calls.set(index, call);
      }
      if (call.ended) return;
      if (call.id === undefined && fragment.id != null && fragment.id !== '') call.id = fragment.id;
      const name = fragment.function?.name;
      if (call.name === undefined && name != null && name !== '') call.name = name;
      const delta = fragment.function?.arguments ?? '';
      if (delta !== '') call.fragments.push(delta);
      if (!call.started) {
        if (call.name !== undefined) {
          beforeStart();
          start(call, index);
        }
        return;
      }
      if (delta !== '') emit({ type: 'tool-input-delta', id: call.id ?? '', delta });
    },
    flush() {
      for (const [index, call] of calls) {
        if (call.ended) continue;
        if (!call.started) start(call, index);
        call.ended = true;
        const id = call.id ?? makeId(index);
        const input = call.fragments.join('');
        emit({ type: 'tool-input-end', id });
        emit({ type: 'tool-call', toolCallId: id, toolName: call.name ?? '', input: input === '' ? '{}' : input });
      }
    },
    hasCalls: () => calls.size > 0,
  };
}
