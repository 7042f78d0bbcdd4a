import type { Command } from '../command.js';
import { setProject } from '../settings/session-mode-settings.js';
import { fromOutcome } from './from-outcome.js';
import { readMainValue } from './read-arguments.js';

/** `!/project(name=X)` or `!/project(X)`: the session's project name. */
export const projectCommand: Command = {
  name: 'project',
  description: 'Set the project name for this session.',
  format: '!/project(name=<project>)',
  examples: ['!/project(my-project)', '!/project(name=my-project)'],
  run: (args, context) => fromOutcome(setProject(readMainValue(args, ['name', 'project']) ?? '', context.session)),
};
