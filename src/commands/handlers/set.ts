import { failed, succeeded, type Command, type CommandContext, type CommandResult } from '../command.js';
import type { CommandArgument } from '../parsing/parse-command-arguments.js';
import { findSetting, unknownParameterMessage } from '../settings/find-setting.js';
import type { Setting } from '../settings/setting.js';

/**
 * Resolves the keys of a `!/set` or `!/unset` call: every key must be known, and no setting may
 * appear twice after normalisation (`model`, `MODEL`; `interactive`, `interactive-mode`).
 */
export function resolveSettings(
  args: readonly CommandArgument[],
): { ok: true; settings: Setting[] } | { ok: false; message: string } {
  if (args.length === 0) return { ok: false, message: 'No arguments provided.' };
  const settings: Setting[] = [];
  for (const argument of args) {
    const setting = findSetting(argument.key);
    if (setting === undefined) return { ok: false, message: unknownParameterMessage(argument.key) };
    if (settings.includes(setting)) return { ok: false, message: `Duplicate parameter provided: ${setting.key}` };
    settings.push(setting);
  }
  return { ok: true, settings };
}

/**
 * Runs one setting change per argument, threading the session. All or nothing: the first
 * failure is the reply and nothing changes, not even proxy-wide settings (applied last).
 */
export function applySettings(
  args: readonly CommandArgument[],
  context: CommandContext,
  change: (setting: Setting, argument: CommandArgument, context: CommandContext) => ReturnType<Setting['set']>,
): CommandResult {
  const resolved = resolveSettings(args);
  if (!resolved.ok) return failed(resolved.message);
  let session = context.session;
  const messages: string[] = [];
  const effects: (() => void)[] = [];
  for (const [index, setting] of resolved.settings.entries()) {
    const outcome = change(setting, args[index], { ...{}, ...context, session });
    if (!outcome.ok) return failed(outcome.message);
    session = outcome.session;
    messages.push(...outcome.messages);
    if (outcome.apply !== undefined) effects.push(outcome.apply);
  }
  for (const effect of effects) effect();
  return succeeded(messages.join('\n'), session);
}

export const setCommand: Command = {
  name: 'set',
  description: 'Set a session value.',
  format: '!/set(key=value)',
  examples: ['!/set(model=anthropic/claude-3-opus-20240229)'],
  run: (args, context) =>
    applySettings(args, context, (setting, argument, current) => setting.set(argument.value, current.session, current)),
};
