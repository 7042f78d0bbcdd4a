import { succeeded, type Command } from '../command.js';
import { setBackend } from '../settings/routing-settings.js';
import { withoutFields } from '../settings/setting.js';
import { fromOutcome } from './from-outcome.js';
import { readMainValue } from './read-arguments.js';

/** `!/backend(openai)`: the session's backend; no name unsets it. */
export const backendCommand: Command = {
  name: 'backend',
  description: 'Set the backend for this session.',
  format: '!/backend(<backend>)',
  examples: ['!/backend(openai)', '!/backend(name=openrouter)'],
  run(args, context) {
    const name = readMainValue(args, ['name', 'backend'])?.trim() ?? '';
    if (name === '') return succeeded('Backend unset', withoutFields(context.session, 'backend'));
    return fromOutcome(setBackend(name, context.session, context));
  },
};
