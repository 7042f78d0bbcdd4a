import { Observable, type OperatorFunction } from 'rxjs';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { HeldArguments } from './tool-call-repair/held-arguments.js';
import { JSON_REPAIR_BUFFER_CAP_BYTES } from './tool-call-repair/repair-limits.js';
import type { JsonRepairInfo } from './tool-call-repair/tool-call-repair-info.js';

export interface RepairJsonOptions {
  /** Cap on the arguments held per tool call (default 65536); larger arguments stream on unrepaired. */
  readonly bufferCapBytes?: number;
  readonly onRepair?: (info: JsonRepairInfo) => void;
}

/**
 * Repairs invalid JSON in tool-call arguments with the `jsonrepair` library: trailing commas,
 * single quotes, unquoted keys, comments, missing brackets (SEED-SPEC §7.2). Valid JSON passes
 * unchanged, byte for byte; arguments over 1 MB are never repaired.
 *
 * Trade-off: a tool input's deltas have to agree with its `tool-call.input`, and a repair can
 * change any byte, so each call's deltas are held until `tool-input-end` (up to
 * `bufferCapBytes`) and then sent either as they were or as ONE delta with the repaired JSON.
 * Clients therefore see streamed arguments arrive at the end of each call instead of gradually.
 * Text, reasoning and every other chunk pass straight through.
 *
 * ```
 * source: --S--a("{'x':1,")--b("}")--E--C({'x':1,})--|
 * result: --S------------------------(dE)--C({"x":1})-|
 * ```
 * (S tool-input-start, a/b/d deltas, E tool-input-end, C tool-call)
 *
 * @param options Buffer cap and a repair callback.
 * @example
 * upstream$.pipe(repairJson({ onRepair: (info) => log.info(info, 'repaired tool arguments') }))
 * // tool-call input "{'path': 'a.py',}" → '{"path": "a.py"}'
 */
export function repairJson(options: RepairJsonOptions = {}): OperatorFunction<CanonicalChunk, CanonicalChunk> {
  const capBytes = options.bufferCapBytes ?? JSON_REPAIR_BUFFER_CAP_BYTES;
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      const emit = (chunk: CanonicalChunk): void => subscriber.next(chunk);
      const held = new HeldArguments(capBytes, options.onRepair);

      const handle = (chunk: CanonicalChunk): void => {
        if (chunk.type === 'tool-input-start') {
          held.start(chunk);
          emit(chunk);
        } else if (chunk.type === 'tool-input-delta') {
          held.delta(chunk, emit);
        } else if (chunk.type === 'tool-input-end') {
          held.end(chunk, emit);
          emit(chunk);
        } else if (chunk.type === 'tool-call') {
          emit(held.call(chunk));
        } else {
          if (chunk.type === 'finish' || chunk.type === 'error') held.flushAll(emit);
          emit(chunk);
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
          held.reset();
          subscriber.error(error);
        },
        complete: () => {
          held.flushAll(emit);
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        held.reset();
      };
    });
}
