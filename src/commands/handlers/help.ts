import { failed, succeeded, type Command } from '../command.js';
import { readMainValue } from './read-arguments.js';

/** A help text written with `!/`, shown with the session's prefix. */
function withPrefix(text: string, prefix: string): string {
  return text.replaceAll('!/', prefix);
}

/**
 * `!/help` and `!/help(<command>)` (SEED-SPEC §3.5). Built from a function listing the
 * commands, because help describes the registry it belongs to.
 *
 * @example
 * // !/help(set) →
 * // set - Set a session value.
 * // Format: !/set(key=value)
 * // Examples:
 * //   !/set(model=anthropic/claude-3-opus-20240229)
 */
export function createHelpCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'help',
    description: 'Show the available commands, or the details of one command.',
    format: '!/help or !/help(<command>)',
    examples: ['!/help', '!/help(set)'],
    run(args, context) {
      const all = commands();
      const wanted = readMainValue(args, ['command', 'command-name', 'name'])?.trim();
      if (wanted === undefined || wanted === '') {
        const lines = [...all]
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
          .map((command) => `- ${command.name} - ${command.description}`);
        return succeeded(['Available commands:', ...lines].join('\n'));
      }
      const name = (wanted.startsWith(context.prefix) ? wanted.slice(context.prefix.length) : wanted).toLowerCase();
      const command = all.find((candidate) => candidate.name === name || candidate.aliases?.includes(name) === true);
      if (command === undefined) return failed(`Command '${wanted}' not found.`);
      const aliases = command.aliases === undefined ? [] : [`Aliases: ${command.aliases.join(', ')}`];
      return succeeded(
        [
          `${command.name} - ${command.description}`,
          `Format: ${withPrefix(command.format, context.prefix)}`,
          ...aliases,
          'Examples:',
          ...command.examples.map((example) => `  ${withPrefix(example, context.prefix)}`),
        ].join('\n'),
      );
    },
  };
}
