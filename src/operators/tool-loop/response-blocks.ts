import type { CanonicalChunk } from '../../streams/canonical-chunk.js';

/**
 * The text and reasoning blocks a response has open, so a notice can be written into the open
 * text block (or a block of its own) and a stream cut short can close what it opened.
 */
export class ResponseBlocks {
  private readonly openText: string[] = [];
  private readonly openReasoning: string[] = [];
  /** Text blocks that already carry text: a notice in them starts a new paragraph. */
  private readonly written = new Set<string>();

  /** Updates the bookkeeping for a chunk that is passed on. */
  track(chunk: CanonicalChunk): void {
    switch (chunk.type) {
      case 'text-start':
        this.openText.push(chunk.id);
        return;
      case 'text-delta':
        if (chunk.delta !== '') this.written.add(chunk.id);
        return;
      case 'text-end':
        remove(this.openText, chunk.id);
        this.written.delete(chunk.id);
        return;
      case 'reasoning-start':
        this.openReasoning.push(chunk.id);
        return;
      case 'reasoning-end':
        remove(this.openReasoning, chunk.id);
        return;
      default:
        return;
    }
  }

  /**
   * The chunks that put `text` (never empty) in front of the client: a delta in the most recent
   * open text block, or a whole block of its own with id `blockId` when none is open.
   */
  notice(text: string, blockId: string): CanonicalChunk[] {
    const openId = this.openText.at(-1);
    if (openId !== undefined) {
      const delta = this.written.has(openId) ? `\n\n${text}` : text;
      this.written.add(openId);
      return [{ type: 'text-delta', id: openId, delta }];
    }
    return [
      { type: 'text-start', id: blockId },
      { type: 'text-delta', id: blockId, delta: text },
      { type: 'text-end', id: blockId },
    ];
  }

  /** Closing chunks for every open block (most recent first), leaving none open. */
  closeAll(): CanonicalChunk[] {
    const closing: CanonicalChunk[] = [
      ...this.openText.reverse().map((id): CanonicalChunk => ({ type: 'text-end', id })),
      ...this.openReasoning.reverse().map((id): CanonicalChunk => ({ type: 'reasoning-end', id })),
    ];
    this.reset();
    return closing;
  }

  reset(): void {
    this.openText.length = 0;
    this.openReasoning.length = 0;
    this.written.clear();
  }
}

function remove(ids: string[], id: string): void {
  const index = ids.lastIndexOf(id);
  if (index >= 0) ids.splice(index, 1);
}
