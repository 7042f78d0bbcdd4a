import type { CandidateScanner, ScanStep } from './candidate-scanner.js';

/**
 * Delimits `<tool_call>…</tool_call>` and `<declared_name>…</declared_name>`. The opening tag must
 * match one of `openers` exactly, character by character, so any other tag (`<b>`, `<brain_dump>`)
 * is released as soon as it diverges.
 */
export class TagScanner implements CandidateScanner {
  readonly kind = 'tag';
  private typed = '';
  private candidates: readonly string[];
  private closing: string | undefined;
  private tail = '';

  constructor(openers: readonly string[]) {
    this.candidates = openers;
  }

  push(char: string): ScanStep {
    if (this.closing !== undefined) {
      // A rolling tail keeps the closing-tag check O(tag length) per character.
      this.tail = (this.tail + char).slice(-this.closing.length);
      return this.tail === this.closing ? 'complete' : 'more';
    }
    this.typed += char;
    this.candidates = this.candidates.filter((opener) => opener.startsWith(this.typed));
    if (this.candidates.length === 0) return 'reject';
    if (this.candidates.includes(this.typed)) this.closing = `</${this.typed.slice(1)}`;
    return 'more';
  }

  end(): 'complete' | 'reject' {
    return 'reject';
  }
}
