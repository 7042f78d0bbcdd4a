import type { CanonicalChunk, ChunkOf } from '../../streams/canonical-chunk.js';
import type { DetectedToolCall, ScanEvent } from './detected-tool-call.js';
import type { ToolCallRepairInfo } from './tool-call-repair-info.js';
import { ToolCallTextScanner } from './tool-call-text-scanner.js';

type Emit = (chunk: CanonicalChunk) => void;

export interface TextBlockRepairerOptions {
  readonly allowedTools: readonly string[];
  readonly capBytes: number;
  readonly generateId: (prefix: string) => string;
  readonly onRepair?: (info: ToolCallRepairInfo) => void;
  readonly dropTextAfterToolCall: boolean;
}

interface TextBlock {
  readonly start: ChunkOf<'text-start'>;
  readonly scanner: ToolCallTextScanner;
  /** Output segment number: a repaired call closes the segment, later text opens `id:<n>`. */
  segment: number;
  /** Whether the current segment's text-start went out (it waits for the first visible text). */
  open: boolean;
  calls: number;
}

/**
 * Turns tool calls written in text blocks into tool-input/tool-call chunks, one
 * {@link ToolCallTextScanner} per open block. A text-start is sent just before the block's first
 * visible text, so a block that held only a tool call never appears as an empty text block.
 */
export class TextBlockRepairer {
  private readonly blocks = new Map<string, TextBlock>();
  /** Number of tool calls repaired in this stream (the finish reason then becomes tool-calls). */
  repairedCalls = 0;

  constructor(private readonly options: TextBlockRepairerOptions) {}

  start(chunk: ChunkOf<'text-start'>): void {
    const scanner = new ToolCallTextScanner(this.options.allowedTools, this.options.capBytes);
    this.blocks.set(chunk.id, { start: chunk, scanner, segment: 0, open: false, calls: 0 });
  }

  /** Returns false for a delta of a block this repairer does not know (the caller passes it on). */
  delta(chunk: ChunkOf<'text-delta'>, emit: Emit): boolean {
    const block = this.blocks.get(chunk.id);
    if (block === undefined) return false;
    this.emitEvents(block, block.scanner.push(chunk.delta), emit);
    return true;
  }

  /** Returns false for the end of a block this repairer does not know. */
  end(chunk: ChunkOf<'text-end'>, emit: Emit): boolean {
    const block = this.blocks.get(chunk.id);
    if (block === undefined) return false;
    this.emitEvents(block, block.scanner.end(), emit);
    this.blocks.delete(chunk.id);
    if (block.open) {
      emit({ ...{}, ...chunk, id: segmentId(block) });
    } else if (block.segment === 0 && block.calls === 0) {
      // An empty block upstream stays an empty block (transparency); we never create one.
      emit(block.start);
      emit(chunk);
    }
    return true;
  }

  /** Closes blocks the upstream left open (before finish, error or completion). */
  flushAll(emit: Emit): void {
    for (const block of [...this.blocks.values()]) this.end({ type: 'text-end', id: block.start.id }, emit);
  }

  reset(): void {
    for (const block of this.blocks.values()) block.scanner.reset();
    this.blocks.clear();
  }

  private emitEvents(block: TextBlock, events: readonly ScanEvent[], emit: Emit): void {
    for (const event of events) {
      if (event.kind === 'call') this.emitCall(block, event.call, emit);
      else this.emitText(block, event.text, emit);
    }
  }

  private emitText(block: TextBlock, text: string, emit: Emit): void {
    // SEED-SPEC / README [legacy]: optionally, free text after a repaired call is not emitted.
    if (text === '' || (this.options.dropTextAfterToolCall && block.calls > 0)) return;
    const id = segmentId(block);
    if (!block.open) {
      emit({ ...{}, ...block.start, id });
      block.open = true;
    }
    emit({ type: 'text-delta', id, delta: text });
  }

  private emitCall(block: TextBlock, call: DetectedToolCall, emit: Emit): void {
    if (block.open) {
      emit({ type: 'text-end', id: segmentId(block) });
      block.open = false;
      block.segment++;
    }
    const id = this.options.generateId('call_');
    emit({ type: 'tool-input-start', id, toolName: call.toolName });
    emit({ type: 'tool-input-delta', id, delta: call.input });
    emit({ type: 'tool-input-end', id });
    emit({ type: 'tool-call', toolCallId: id, toolName: call.toolName, input: call.input });
    block.calls++;
    this.repairedCalls++;
    this.options.onRepair?.({ kind: 'text-tool-call', toolCallId: id, toolName: call.toolName, detector: call.detector });
  }
}

function segmentId(block: TextBlock): string {
  return block.segment === 0 ? block.start.id : `${block.start.id}:${block.segment}`;
}
