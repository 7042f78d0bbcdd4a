import type { CanonicalChunk, ChunkOf } from '../../streams/canonical-chunk.js';
import { completeTruncatedJson } from './repair-json-arguments.js';
import type { ToolCallRepairInfo } from './tool-call-repair-info.js';
import { utf8ByteLength } from './utf8-byte-length.js';

interface ArgumentBuffer {
  parts: string[];
  bytes: number;
  overflow: boolean;
  /** Set at tool-input-end when a suffix was appended: the joined deltas and their completion. */
  completion?: { readonly joined: string; readonly completed: string };
}

/**
 * Completes truncated native tool-call arguments (SEED-SPEC §7.1 [current], §13.13). Deltas are
 * forwarded as they arrive and only copied here (up to the cap); at `tool-input-end` the joined
 * arguments are checked once, and if `jsonrepair` completes them by only appending, the missing
 * suffix goes out as a last delta and the `tool-call` carries the completed input.
 */
export class NativeArgumentCompleter {
  private readonly buffers = new Map<string, ArgumentBuffer>();

  constructor(
    private readonly capBytes: number,
    private readonly onRepair: ((info: ToolCallRepairInfo) => void) | undefined,
  ) {}

  start(chunk: ChunkOf<'tool-input-start'>): void {
    this.buffers.set(chunk.id, { parts: [], bytes: 0, overflow: false });
  }

  delta(chunk: ChunkOf<'tool-input-delta'>): void {
    const buffer = this.buffers.get(chunk.id);
    if (buffer === undefined || buffer.overflow) return;
    buffer.bytes += utf8ByteLength(chunk.delta);
    if (buffer.bytes > this.capBytes) {
      // Over the cap: stop copying and leave these arguments alone.
      buffer.overflow = true;
      buffer.parts = [];
    } else {
      buffer.parts.push(chunk.delta);
    }
  }

  /** Emits the completing suffix, if any, as a last delta (the caller then emits the end). */
  end(chunk: ChunkOf<'tool-input-end'>, emit: (chunk: CanonicalChunk) => void): void {
    const buffer = this.buffers.get(chunk.id);
    if (buffer === undefined || buffer.overflow) return;
    const joined = buffer.parts.join('');
    buffer.parts = [];
    const suffix = completeTruncatedJson(joined);
    if (suffix === undefined) return;
    buffer.completion = { joined, completed: joined + suffix };
    emit({ type: 'tool-input-delta', id: chunk.id, delta: suffix });
    this.onRepair?.({ kind: 'completed-arguments', toolCallId: chunk.id, suffix });
  }

  /** The tool-call with completed input: from its streamed deltas, or its own input if it came whole. */
  call(chunk: ChunkOf<'tool-call'>): ChunkOf<'tool-call'> {
    const buffer = this.buffers.get(chunk.toolCallId);
    this.buffers.delete(chunk.toolCallId);
    if (buffer !== undefined) {
      const completion = buffer.completion;
      return completion !== undefined && completion.joined === chunk.input ? { ...{}, ...chunk, input: completion.completed } : chunk;
    }
    // A whole tool-call holds nothing back, so only the 1 MB repair limit applies.
    const suffix = completeTruncatedJson(chunk.input);
    if (suffix === undefined) return chunk;
    this.onRepair?.({ kind: 'completed-arguments', toolCallId: chunk.toolCallId, suffix });
    return { ...{}, ...chunk, input: chunk.input + suffix };
  }

  reset(): void {
    this.buffers.clear();
  }
}
