import type { CommandArgument } from './parse-command-arguments.js';

/**
 * An in-chat command found in a message. `start`/`end` are the half-open UTF-16 offsets of the
 * whole command text (prefix, name and any `(…)`), in the text that was scanned.
 */
export interface FoundCommand {
  /** The name, lower-cased (`!/Help` → `help`). */
  readonly name: string;
  readonly args: readonly CommandArgument[];
  /** The text between the parentheses, as written; absent when the command has none. */
  readonly rawArgs?: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Why something that looks like a command is not executed:
 * - `unterminated-arguments`: `(` without its `)` before the text ends (or a quote left open);
 * - `invalid-arguments`: the parentheses close but the arguments do not parse (unbalanced
 *   `{}`/`[]`);
 * - `unknown-command`: the name is not among the known commands.
 */
export type MalformedReason = 'unterminated-arguments' | 'invalid-arguments' | 'unknown-command';

/**
 * Something that looks like a command but is not one. Its text is left in the message (it is
 * never stripped), so the caller can forward it or answer with an error or suggestions.
 * For `unterminated-arguments` the span covers only `<prefix><name>`, because the argument
 * text has no end; otherwise it covers the whole command text.
 */
export interface MalformedCommand {
  readonly name: string;
  readonly reason: MalformedReason;
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** The result of scanning one text for commands. */
export interface CommandScan {
  readonly commands: readonly FoundCommand[];
  readonly malformed: readonly MalformedCommand[];
}
