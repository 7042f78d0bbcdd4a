import type { SessionState } from '../sessions/session-state.js';
import type { CommandContext } from './command.js';
import type { CommandRegistry } from './command-registry.js';
import type { FoundCommand } from './parsing/found-command.js';

/** What running a message's commands gave. */
export interface CommandRun {
  /** False when a command failed; the commands after it did not run. */
  readonly ok: boolean;
  /** One reply per command that ran, in order (the failure last). */
  readonly messages: readonly string[];
  readonly session: SessionState;
}

/**
 * Runs commands in order, each seeing the session as the previous ones left it
 * (`!/set(backend=openai) !/max` looks up the alias for the new backend). Stops at the first
 * failure: later commands were written assuming the earlier ones worked.
 */
export function runCommands(
  commands: readonly FoundCommand[],
  registry: CommandRegistry,
  context: CommandContext,
): CommandRun {
  let session = context.session;
  const messages: string[] = [];
  for (const found of commands) {
    const command = registry.get(found.name);
    if (command === undefined) return { ok: false, messages: [...messages, `Command '${found.name}' not found.`], session };
    const result = command.run(found.args, { ...{}, ...context, session });
    messages.push(result.message);
    if (!result.ok) return { ok: false, messages, session };
    if (result.session !== undefined) session = { ...{}, ...result.session, id: context.session.id };
  }
  return { ok: true, messages, session };
}
