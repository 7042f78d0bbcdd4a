import type { Command } from '../command.js';
import { setProjectDir } from '../settings/session-mode-settings.js';
import { fromOutcome } from './from-outcome.js';
import { readMainValue } from './read-arguments.js';

/** `!/project-dir(/abs/path)`: the workspace directory for agent backends and sandboxing. */
export const projectDirCommand: Command = {
  name: 'project-dir',
  description: 'Set the project directory (an absolute path) for this session.',
  format: '!/project-dir(<absolute path>)',
  examples: ['!/project-dir(/home/user/myproject)', '!/project-dir(path=/srv/app)'],
  run: (args, context) => fromOutcome(setProjectDir(readMainValue(args, ['path', 'dir', 'project-dir']) ?? '', context.session)),
};
