import { succeeded, type Command } from '../command.js';

/** `!/pwd`: the session's project directory. */
export const pwdCommand: Command = {
  name: 'pwd',
  description: 'Show the project directory of this session.',
  format: '!/pwd',
  examples: ['!/pwd'],
  run: (_args, context) => succeeded(context.session.projectDir ?? 'Project directory not set'),
};
