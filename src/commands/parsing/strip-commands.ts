import { planCommandRemoval } from './plan-command-removal.js';
import { removeRanges } from './remove-ranges.js';
import type { TextRange } from './text-range.js';

/**
 * Removes found commands from a text and tidies only the whitespace at the seams the removal
 * leaves (the rules are in {@link planCommandRemoval}); every other character is kept.
 *
 * @param text the text the commands were found in
 * @param found the commands (or any spans) to remove
 * @example
 * const text = 'please !/set(model=openrouter:x) for this conversation';
 * stripCommands(text, findCommands(text, '!/')); // 'please for this conversation'
 */
export function stripCommands(text: string, found: readonly TextRange[]): string {
  return removeRanges(text, planCommandRemoval(text, found));
}
