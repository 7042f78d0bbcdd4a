import { Observable, type OperatorFunction } from 'rxjs';
import { assertNever, type CanonicalChunk } from '../streams/canonical-chunk.js';
import { NativeArgumentCompleter } from './tool-call-repair/native-argument-completer.js';
import { TOOL_CALL_REPAIR_BUFFER_CAP_BYTES } from './tool-call-repair/repair-limits.js';
import type { ToolCallRepairInfo } from './tool-call-repair/tool-call-repair-info.js';
import { TextBlockRepairer } from './tool-call-repair/text-block-repairer.js';

export interface RepairToolCallsOptions {
  /** Tool names the request declared; only these are recognised. Empty disables text detection. */
  readonly allowedTools: readonly string[];
  /** Cap on a held candidate span and on copied native arguments (default 65536). */
  readonly bufferCapBytes?: number;
  /** Makes tool-call ids; called with `'call_'`. */
  readonly generateId: (prefix: string) => string;
  readonly onRepair?: (info: ToolCallRepairInfo) => void;
  /**
   * Drop free text that follows a repaired call in the same text block, as the original proxy's
   * streaming processor did (default false: text outside calls is never altered).
   */
  readonly dropTextAfterToolCall?: boolean;
}

/**
 * Turns tool calls that a model wrote as text into structured tool calls, and completes truncated
 * native tool-call arguments.
 *
 * Text that cannot belong to a tool call streams on at once; only a candidate span (from `{`,
 * ```` ``` ````, `<tool_call>`, `<declared_name>`, or a line starting `TOOL CALL:` /
 * `Function call:`) is held, up to `bufferCapBytes`, and released unchanged if it is not a call.
 * A repaired call closes the text segment, goes out as tool-input-start/delta/end + tool-call,
 * and the finish reason becomes `tool-calls` (the raw reason is kept). Native tool-input deltas are
 * forwarded as they come; if their joined JSON is truncated and `jsonrepair` completes it by only
 * appending, the suffix is sent as a last delta (SEED-SPEC §7.1, §13.12–13.13).
 *
 * ```
 * source: --s--d("Ok {\"name\":\"f\",")--d("\"arguments\":{}}")--e--F|
 * result: --s--d("Ok ")-------------------(E i I c)--------------------F'|
 * ```
 * (s/d/e text start/delta/end, E text-end, i/I tool-input chunks, c tool-call, F' finish with tool-calls)
 *
 * @param options Declared tool names, buffer cap, id factory and a repair callback.
 * @example
 * upstream$.pipe(repairToolCalls({ allowedTools: ['read_file'], generateId }))
 * // 'TOOL CALL: read_file {"path": "a.py"}' → tool-call read_file with input '{"path":"a.py"}'
 */
export function repairToolCalls(options: RepairToolCallsOptions): OperatorFunction<CanonicalChunk, CanonicalChunk> {
  const capBytes = options.bufferCapBytes ?? TOOL_CALL_REPAIR_BUFFER_CAP_BYTES;
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      const emit = (chunk: CanonicalChunk): void => subscriber.next(chunk);
      const text = new TextBlockRepairer({
        allowedTools: options.allowedTools,
        capBytes,
        generateId: options.generateId,
        onRepair: options.onRepair,
        dropTextAfterToolCall: options.dropTextAfterToolCall ?? false,
      });
      const native = new NativeArgumentCompleter(capBytes, options.onRepair);
      const detectText = options.allowedTools.length > 0;

      const handle = (chunk: CanonicalChunk): void => {
        switch (chunk.type) {
          case 'text-start':
            if (detectText) text.start(chunk);
            else emit(chunk);
            return;
          case 'text-delta':
            if (!text.delta(chunk, emit)) emit(chunk);
            return;
          case 'text-end':
            if (!text.end(chunk, emit)) emit(chunk);
            return;
          case 'tool-input-start':
            native.start(chunk);
            emit(chunk);
            return;
          case 'tool-input-delta':
            native.delta(chunk);
            emit(chunk);
            return;
          case 'tool-input-end':
            native.end(chunk, emit);
            emit(chunk);
            return;
          case 'tool-call':
            emit(native.call(chunk));
            return;
          case 'finish':
            text.flushAll(emit);
            emit(
              text.repairedCalls > 0
                ? { ...{}, ...chunk, finishReason: { unified: 'tool-calls', raw: chunk.finishReason.raw } }
                : chunk,
            );
            return;
          case 'error':
            // Held text is released (and its block closed) before the in-band error ends the stream.
            text.flushAll(emit);
            emit(chunk);
            return;
          case 'stream-start':
          case 'response-metadata':
          case 'reasoning-start':
          case 'reasoning-delta':
          case 'reasoning-end':
          case 'usage':
          case 'raw':
            emit(chunk);
            return;
          default:
            assertNever(chunk);
        }
      };

      const subscription = source.subscribe({
        next: (chunk) => {
          try {
            handle(chunk);
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => {
          text.reset();
          native.reset();
          subscriber.error(error);
        },
        complete: () => {
          text.flushAll(emit);
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        text.reset();
        native.reset();
      };
    });
}
