import type { Command } from '../command.js';
import { setTemperature } from '../settings/generation-settings.js';
import { fromOutcome } from './from-outcome.js';
import { readMainValue } from './read-arguments.js';

/** `!/temperature(0.7)` or `!/temperature(value=0.7)`. */
export const temperatureCommand: Command = {
  name: 'temperature',
  description: 'Set the sampling temperature for this session (0.0 to 1.0).',
  format: '!/temperature(value=<0.0-1.0>)',
  examples: ['!/temperature(0.7)', '!/temperature(value=0.2)'],
  run: (args, context) => fromOutcome(setTemperature(readMainValue(args, ['value', 'temperature']) ?? '', context.session)),
};
