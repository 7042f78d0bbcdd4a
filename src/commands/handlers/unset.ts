import type { Command } from '../command.js';
import { applySettings } from './set.js';

export const unsetCommand: Command = {
  name: 'unset',
  description: 'Unset session values, restoring the defaults.',
  format: '!/unset(key1, key2, ...)',
  examples: ['!/unset(model)', '!/unset(model, temperature)'],
  run: (args, context) => applySettings(args, context, (setting, _argument, current) => setting.unset(current.session, current)),
};
