/**
 * A bounded memo of token counts for long texts. Agents resend the whole history on every turn,
 * so the same long messages are measured again and again; BPE over 100k tokens costs tens of
 * milliseconds of event-loop time, a Map lookup far less. Least recently used entries leave first
 * once the cached text passes `maxChars` in total.
 */
export class TokenCountCache {
  private readonly counts = new Map<string, number>();
  private chars = 0;

  constructor(
    private readonly minChars = 2_000,
    private readonly maxChars = 4_000_000,
  ) {}

  /** The count of `text`, computed with `count` unless remembered. */
  get(text: string, count: (text: string) => number): number {
    if (text.length < this.minChars) return count(text);
    const known = this.counts.get(text);
    if (known !== undefined) {
      // Re-insert so Map order stays least-recently-used first.
      this.counts.delete(text);
      this.counts.set(text, known);
      return known;
    }
    const measured = count(text);
    if (text.length > this.maxChars) return measured;
    this.counts.set(text, measured);
    this.chars += text.length;
    for (const [old] of this.counts) {
      if (this.chars <= this.maxChars) break;
      this.counts.delete(old);
      this.chars -= old.length;
    }
    return measured;
  }
}
