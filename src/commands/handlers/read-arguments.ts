import type { CommandArgument } from '../parsing/parse-command-arguments.js';

/** The argument as written: `key` for a bare token, `key=value` otherwise. */
export function argumentText(argument: CommandArgument): string {
  return argument.positional ? argument.key : `${argument.key}=${argument.value}`;
}

function keyOf(argument: CommandArgument): string {
  return argument.key.trim().toLowerCase().replace(/[_\s]+/gu, '-');
}

/**
 * The main value of a command that takes one: the value of the first argument named one of
 * `names` (`!/model(name=gpt-4o)`), else the first other argument as written
 * (`!/model(gpt-4o)`, and `!/model(openai:gpt-4o?temperature=0.5)` where the parser saw a `=`).
 * `undefined` when there are no arguments.
 *
 * @example
 * readMainValue([{key: 'gpt-4o', value: '', positional: true}], ['name']); // 'gpt-4o'
 */
export function readMainValue(args: readonly CommandArgument[], names: readonly string[]): string | undefined {
  const named = args.find((argument) => !argument.positional && names.includes(keyOf(argument)));
  if (named !== undefined) return named.value;
  const other = args.find((argument) => argument.positional || !names.includes(keyOf(argument)));
  return other === undefined ? undefined : argumentText(other);
}

/** The value of the first argument with one of the given names (not positional ones). */
export function readNamed(args: readonly CommandArgument[], names: readonly string[]): string | undefined {
  return args.find((argument) => !argument.positional && names.includes(keyOf(argument)))?.value;
}

/** The positional arguments, as written. */
export function readPositional(args: readonly CommandArgument[]): string[] {
  return args.filter((argument) => argument.positional).map((argument) => argument.key);
}
