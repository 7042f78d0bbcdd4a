import type { CanonicalChunk } from '../src/streams/canonical-chunk.js';

type BlockKind = 'text' | 'reasoning' | 'tool-input';

export interface ChunkContractOptions {
  /** Also require the stream to end with `finish` or `error` (default false). */
  readonly requireTerminal?: boolean;
}

const blockKinds: Readonly<Record<string, { kind: BlockKind; phase: 'start' | 'delta' | 'end' }>> = {
  'text-start': { kind: 'text', phase: 'start' },
  'text-delta': { kind: 'text', phase: 'delta' },
  'text-end': { kind: 'text', phase: 'end' },
  'reasoning-start': { kind: 'reasoning', phase: 'start' },
  'reasoning-delta': { kind: 'reasoning', phase: 'delta' },
  'reasoning-end': { kind: 'reasoning', phase: 'end' },
  'tool-input-start': { kind: 'tool-input', phase: 'start' },
  'tool-input-delta': { kind: 'tool-input', phase: 'delta' },
  'tool-input-end': { kind: 'tool-input', phase: 'end' },
};

/**
 * Throws a descriptive Error when `chunks` break the order contract of `canonical-chunk.ts`:
 * - `stream-start`, when present, is first (and appears once);
 * - each `*-start` has exactly one `*-end` of the same kind with the same id; an id is started
 *   at most once per kind; deltas only go to an open block;
 * - `finish` or `error` is last and appears at most once; every block is closed before `finish`
 *   (an `error` may cut blocks short), and a stream without a terminal closes all its blocks;
 * - a streamed tool input is closed before its `tool-call`, its `tool-call` carries the same tool
 *   name, and every closed tool input gets its `tool-call` before `finish`;
 * - each `tool-call` id is unique.
 *
 * @example
 * assertChunkContract(await lastValueFrom(events$.pipe(geminiEventsToCanonical(options), toArray())));
 */
export function assertChunkContract(chunks: readonly CanonicalChunk[], options: ChunkContractOptions = {}): void {
  const open = new Set<string>(); // `${kind}:${id}` of the open blocks
  const started = new Set<string>();
  const toolNames = new Map<string, string>(); // tool input id -> tool name, until its tool-call
  const awaitingCall = new Set<string>();
  const toolCallIds = new Set<string>();
  let terminal: number | undefined;

  const fail = (index: number, problem: string): never => {
    throw new Error(`Chunk contract violated at #${index} (${describe(chunks[index])}): ${problem}`);
  };

  chunks.forEach((chunk, index) => {
    if (terminal !== undefined) fail(index, `a chunk after the terminal ${chunks[terminal].type} at #${terminal}`);
    const block = blockKinds[chunk.type];
    if (block !== undefined && 'id' in chunk && chunk.id !== undefined) {
      const key = `${block.kind}:${chunk.id}`;
      if (block.phase === 'start') {
        if (started.has(key)) fail(index, `${block.kind} block id "${chunk.id}" was already started`);
        started.add(key);
        open.add(key);
        if (chunk.type === 'tool-input-start') toolNames.set(chunk.id, chunk.toolName);
      } else if (!open.has(key)) {
        const other = [...open].find((openKey) => openKey.endsWith(`:${chunk.id}`));
        const hint = other === undefined ? '' : ` (an open block "${other}" has this id: kinds differ)`;
        fail(index, `${chunk.type} for ${block.kind} block "${chunk.id}" that is not open${hint}`);
      } else if (block.phase === 'end') {
        open.delete(key);
        if (block.kind === 'tool-input') awaitingCall.add(chunk.id);
      }
      return;
    }
    switch (chunk.type) {
      case 'stream-start':
        if (index !== 0) fail(index, 'stream-start must be the first chunk');
        return;
      case 'tool-call': {
        if (toolCallIds.has(chunk.toolCallId)) fail(index, `duplicate tool-call id "${chunk.toolCallId}"`);
        toolCallIds.add(chunk.toolCallId);
        if (open.has(`tool-input:${chunk.toolCallId}`)) {
          fail(index, `tool-call "${chunk.toolCallId}" before its tool-input-end`);
        }
        const streamedName = toolNames.get(chunk.toolCallId);
        if (streamedName !== undefined && streamedName !== chunk.toolName) {
          fail(index, `tool-call name "${chunk.toolName}" differs from tool-input-start name "${streamedName}"`);
        }
        awaitingCall.delete(chunk.toolCallId);
        return;
      }
      case 'finish':
        if (open.size > 0) fail(index, `finish while blocks are open: ${[...open].join(', ')}`);
        if (awaitingCall.size > 0) {
          fail(index, `finish before the tool-call of tool inputs: ${[...awaitingCall].join(', ')}`);
        }
        terminal = index;
        return;
      case 'error':
        terminal = index;
        return;
      default:
        return;
    }
  });

  if (terminal === undefined) {
    if (open.size > 0) {
      throw new Error(`Chunk contract violated: stream ended with open blocks: ${[...open].join(', ')}`);
    }
    if (options.requireTerminal === true) {
      throw new Error('Chunk contract violated: stream did not end with finish or error');
    }
  }
}

function describe(chunk: CanonicalChunk): string {
  if ('id' in chunk && typeof chunk.id === 'string') return `${chunk.type} id="${chunk.id}"`;
  if (chunk.type === 'tool-call') return `tool-call id="${chunk.toolCallId}"`;
  return chunk.type;
}
