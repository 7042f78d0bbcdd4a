import { succeeded, type Command } from '../command.js';
import { setModel } from '../settings/routing-settings.js';
import { withoutFields } from '../settings/setting.js';
import { fromOutcome } from './from-outcome.js';
import { readMainValue } from './read-arguments.js';

/**
 * `!/model(name=<[backend:]model>)` or `!/model(<[backend:]model>)`: the session's model (SEED-SPEC
 * §3.5; the positional form is accepted, as the spec recommends). No name unsets the model.
 */
export const modelCommand: Command = {
  name: 'model',
  description: 'Set the model for this session ([backend:]model or a failover route name).',
  format: '!/model(name=<[backend:]model>)',
  examples: ['!/model(gpt-4o-mini)', '!/model(name=openrouter:qwen/qwen3-coder)'],
  run(args, context) {
    const name = readMainValue(args, ['name', 'model'])?.trim() ?? '';
    if (name === '') return succeeded('Model unset', withoutFields(context.session, 'model'));
    return fromOutcome(setModel(name, context.session, context), '; ');
  },
};
