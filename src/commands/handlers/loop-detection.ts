import type { Command } from '../command.js';
import { loopDetectionSetting } from '../settings/loop-settings.js';
import { fromOutcome } from './from-outcome.js';
import { readMainValue } from './read-arguments.js';

/** `!/loop-detection(enabled=true|false)` or `!/loop-detection(false)` (SEED-SPEC §3.5). */
export const loopDetectionCommand: Command = {
  name: 'loop-detection',
  description: 'Turn content loop detection on or off for this session.',
  format: '!/loop-detection(enabled=<true|false>)',
  examples: ['!/loop-detection(enabled=false)', '!/loop-detection(true)'],
  run: (args, context) =>
    fromOutcome(loopDetectionSetting.set(readMainValue(args, ['enabled', 'value']) ?? '', context.session, context)),
};
