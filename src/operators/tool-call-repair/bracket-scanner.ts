import type { CandidateScanner, ScanStep } from './candidate-scanner.js';

/** Keys a tool-call object may start with; anything else is rejected at its first key. */
export const toolCallFirstKeys: ReadonlySet<string> = new Set(['name', 'arguments', 'function_call', 'tool']);

const maxFirstKeyLength = 32;

/**
 * String-aware balanced-bracket scan over `{…}` / `[…]`: brackets inside JSON strings (with
 * escapes) do not count. With `firstKeys`, the object must open with `"` and its first key must
 * be one of them, so prose braces and unrelated JSON are released after a few characters instead
 * of being held until they balance.
 */
export class BracketScanner implements CandidateScanner {
  readonly kind = 'json';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private keyState: 'before' | 'in-key' | 'done';
  private key = '';

  constructor(private readonly firstKeys?: ReadonlySet<string>) {
    this.keyState = firstKeys === undefined ? 'done' : 'before';
  }

  push(char: string): ScanStep {
    if (this.inString) return this.pushInString(char);
    if (char === '"') {
      this.inString = true;
      if (this.keyState === 'before') this.keyState = 'in-key';
      return 'more';
    }
    if (this.keyState === 'before' && this.depth > 0 && !/\s/.test(char)) return 'reject';
    if (char === '{' || char === '[') {
      this.depth++;
      return 'more';
    }
    if (char === '}' || char === ']') {
      this.depth--;
      return this.depth <= 0 ? 'complete' : 'more';
    }
    return 'more';
  }

  end(): 'complete' | 'reject' {
    return 'reject';
  }

  private pushInString(char: string): ScanStep {
    const inKey = this.keyState === 'in-key';
    if (this.escaped) {
      this.escaped = false;
    } else if (char === '\\') {
      this.escaped = true;
    } else if (char === '"') {
      this.inString = false;
      if (!inKey) return 'more';
      this.keyState = 'done';
      return this.firstKeys?.has(this.key) === true ? 'more' : 'reject';
    }
    if (inKey) {
      this.key += char;
      if (this.key.length > maxFirstKeyLength) return 'reject';
    }
    return 'more';
  }
}
