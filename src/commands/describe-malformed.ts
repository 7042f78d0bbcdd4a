import type { MalformedCommand } from './parsing/found-command.js';
import { suggestCommands } from './parsing/suggest-commands.js';

/**
 * The reply line for something that looks like a command but cannot run: an unknown name gets
 * the nearest known names, broken arguments get the parser's reason.
 *
 * @example
 * describeMalformed({name: 'hepl', reason: 'unknown-command', …}, '!/', ['help', 'hello']);
 * // "Unknown command '!/hepl'. Did you mean: !/help, !/hello?"
 */
export function describeMalformed(malformed: MalformedCommand, prefix: string, known: readonly string[]): string {
  const written = `${prefix}${malformed.name}`;
  switch (malformed.reason) {
    case 'unknown-command': {
      const suggestions = suggestCommands(malformed.name, known);
      if (suggestions.length === 0) return `Unknown command '${written}'. Type ${prefix}help for the list of commands.`;
      return `Unknown command '${written}'. Did you mean: ${suggestions.map((name) => `${prefix}${name}`).join(', ')}?`;
    }
    case 'unterminated-arguments':
      return `Command '${written}' could not be read: ${malformed.message}`;
    case 'invalid-arguments':
      return `Command '${written}' has invalid arguments: ${malformed.message}`;
    default: {
      const unexpected: never = malformed.reason;
      return `Command '${written}' could not be read (${String(unexpected)})`;
    }
  }
}
