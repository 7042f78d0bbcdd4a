import type { CanonicalChunk, ChunkOf } from '../../streams/canonical-chunk.js';
import { repairJsonArguments } from './repair-json-arguments.js';
import type { JsonRepairInfo } from './tool-call-repair-info.js';
import { utf8ByteLength } from './utf8-byte-length.js';

interface HeldCall {
  deltas: ChunkOf<'tool-input-delta'>[];
  bytes: number;
  /** Over the cap: the deltas went out as they were and this call is not repaired. */
  passing: boolean;
  repair?: { readonly original: string; readonly repaired: string };
}

type Emit = (chunk: CanonicalChunk) => void;

/**
 * Holds each streamed tool input until its end, so the deltas can be replaced by one repaired
 * delta whose text equals the repaired `tool-call.input`. Valid or unrepairable arguments are
 * re-emitted as the original delta chunks.
 */
export class HeldArguments {
  private readonly calls = new Map<string, HeldCall>();

  constructor(
    private readonly capBytes: number,
    private readonly onRepair: ((info: JsonRepairInfo) => void) | undefined,
  ) {}

  start(chunk: ChunkOf<'tool-input-start'>): void {
    this.calls.set(chunk.id, { deltas: [], bytes: 0, passing: false });
  }

  delta(chunk: ChunkOf<'tool-input-delta'>, emit: Emit): void {
    const call = this.calls.get(chunk.id);
    if (call === undefined || call.passing) {
      emit(chunk);
      return;
    }
    call.deltas.push(chunk);
    call.bytes += utf8ByteLength(chunk.delta);
    if (call.bytes > this.capBytes) {
      call.passing = true;
      this.release(call, emit);
    }
  }

  end(chunk: ChunkOf<'tool-input-end'>, emit: Emit): void {
    const call = this.calls.get(chunk.id);
    if (call === undefined || call.passing) return;
    const original = call.deltas.map((delta) => delta.delta).join('');
    const repaired = repairJsonArguments(original);
    if (repaired === undefined) {
      this.release(call, emit);
      return;
    }
    call.deltas = [];
    call.repair = { original, repaired };
    emit({ type: 'tool-input-delta', id: chunk.id, delta: repaired });
    this.onRepair?.({ toolCallId: chunk.id, original, repaired });
  }

  call(chunk: ChunkOf<'tool-call'>): ChunkOf<'tool-call'> {
    const call = this.calls.get(chunk.toolCallId);
    this.calls.delete(chunk.toolCallId);
    if (call !== undefined) {
      // Keep the tool-call equal to what its deltas said: repaired only if they were.
      return call.repair?.original === chunk.input ? { ...{}, ...chunk, input: call.repair.repaired } : chunk;
    }
    // A whole tool-call holds nothing back, so only the 1 MB repair limit applies.
    const repaired = repairJsonArguments(chunk.input);
    if (repaired === undefined) return chunk;
    this.onRepair?.({ toolCallId: chunk.toolCallId, original: chunk.input, repaired });
    return { ...{}, ...chunk, input: repaired };
  }

  /** Lets out deltas still held for inputs the upstream never closed. */
  flushAll(emit: Emit): void {
    for (const call of this.calls.values()) this.release(call, emit);
  }

  reset(): void {
    this.calls.clear();
  }

  private release(call: HeldCall, emit: Emit): void {
    const deltas = call.deltas;
    call.deltas = [];
    for (const delta of deltas) emit(delta);
  }
}
