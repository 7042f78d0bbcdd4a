import type { FoundCommand } from './found-command.js';
import { scanCommands } from './scan-commands.js';

/**
 * The in-chat commands of a text, in order: {@link scanCommands} without the malformed and
 * unknown look-alikes (which stay ordinary text).
 *
 * @param text the text to scan
 * @param prefix a valid command prefix (`!/` by default in config)
 * @param knownCommands lower-case command names; when absent every name is a command
 * @example
 * findCommands('!/hello !/help(set)', '!/').map((command) => command.name); // ['hello', 'help']
 */
export function findCommands(
  text: string,
  prefix: string,
  knownCommands?: ReadonlySet<string>,
): FoundCommand[] {
  return [...scanCommands(text, prefix, knownCommands).commands];
}
