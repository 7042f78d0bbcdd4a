import type { Command } from './command.js';
import { backendCommand } from './handlers/backend.js';
import { createFailoverRouteCommand } from './handlers/create-failover-route.js';
import { deleteFailoverRouteCommand } from './handlers/delete-failover-route.js';
import { helloCommand } from './handlers/hello.js';
import { createHelpCommand } from './handlers/help.js';
import { interactiveCommand } from './handlers/interactive.js';
import { listFailoverRoutesCommand } from './handlers/list-failover-routes.js';
import { loopDetectionCommand } from './handlers/loop-detection.js';
import { modelCommand } from './handlers/model.js';
import { oneoffCommand } from './handlers/oneoff.js';
import { projectDirCommand } from './handlers/project-dir.js';
import { projectCommand } from './handlers/project.js';
import { pwdCommand } from './handlers/pwd.js';
import { reasoningAliasCommands } from './handlers/reasoning-alias.js';
import { routeAppendCommand } from './handlers/route-append.js';
import { routeClearCommand } from './handlers/route-clear.js';
import { routeListCommand } from './handlers/route-list.js';
import { routePrependCommand } from './handlers/route-prepend.js';
import { setCommand } from './handlers/set.js';
import { temperatureCommand } from './handlers/temperature.js';
import { unsetCommand } from './handlers/unset.js';

/** The commands by name and alias. */
export interface CommandRegistry {
  /** The command for a lower-case name or alias. */
  get(name: string): Command | undefined;
  /** Every command, once each, in registration order. */
  readonly commands: readonly Command[];
  /** Every name and alias (lower case), for the parser's `knownCommands`. */
  readonly names: ReadonlySet<string>;
}

/**
 * Builds a registry over the given commands plus `help` (which describes them). Names and
 * aliases must be unique; a clash is a programming error and throws.
 *
 * @example
 * createCommandRegistry().get('no-thinking')?.name; // 'no-think'
 */
export function createCommandRegistry(commands: readonly Command[] = builtInCommands): CommandRegistry {
  const all: Command[] = [];
  const help = createHelpCommand(() => all);
  all.push(help, ...commands);
  const byName = new Map<string, Command>();
  for (const command of all) {
    for (const name of [command.name, ...(command.aliases ?? [])]) {
      if (byName.has(name)) throw new Error(`Duplicate command name: ${name}`);
      byName.set(name, command);
    }
  }
  return { get: (name) => byName.get(name.toLowerCase()), commands: all, names: new Set(byName.keys()) };
}

/** The built-in commands except `help` (added by {@link createCommandRegistry}). */
export const builtInCommands: readonly Command[] = [
  helloCommand,
  setCommand,
  unsetCommand,
  backendCommand,
  modelCommand,
  oneoffCommand,
  temperatureCommand,
  ...reasoningAliasCommands,
  pwdCommand,
  projectDirCommand,
  projectCommand,
  interactiveCommand,
  loopDetectionCommand,
  createFailoverRouteCommand,
  deleteFailoverRouteCommand,
  listFailoverRoutesCommand,
  routeListCommand,
  routeAppendCommand,
  routePrependCommand,
  routeClearCommand,
];
