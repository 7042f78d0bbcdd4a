import { succeeded, type Command } from '../command.js';
import { interactiveModeSetting } from '../settings/session-mode-settings.js';
import { fromOutcome } from './from-outcome.js';
import { readMainValue } from './read-arguments.js';

/** `!/interactive(true|false)`; without a value it toggles. */
export const interactiveCommand: Command = {
  name: 'interactive',
  aliases: ['interactive-mode'],
  description: 'Turn interactive mode on or off for this session (no value toggles it).',
  format: '!/interactive(<true|false>)',
  examples: ['!/interactive(true)', '!/interactive(off)', '!/interactive'],
  run(args, context) {
    const value = readMainValue(args, ['enabled', 'value', 'mode']);
    if (value === undefined) {
      const interactiveMode = !context.session.interactiveMode;
      return succeeded(`Interactive mode ${interactiveMode ? 'enabled' : 'disabled'}`, { ...{}, ...context.session, interactiveMode });
    }
    return fromOutcome(interactiveModeSetting.set(value, context.session, context));
  },
};
