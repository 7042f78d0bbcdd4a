import type { ReasoningMode } from '../../sessions/reasoning-mode-settings.js';
import { failed, succeeded, type Command } from '../command.js';
import { findReasoningSettings } from '../reasoning-aliases.js';

function reasoningAliasCommand(
  name: string,
  mode: ReasoningMode,
  description: string,
  aliases?: readonly string[],
): Command {
  return {
    name,
    ...(aliases === undefined ? {} : { aliases }),
    description,
    format: `!/${name}`,
    examples: [`!/${name}`],
    run(_args, context) {
      if (context.reasoningAliases === undefined) return failed('Reasoning aliases are not configured.');
      const { session } = context;
      const model =
        session.model === undefined
          ? (context.requestModel ?? '')
          : session.backend === undefined
            ? session.model
            : `${session.backend}:${session.model}`;
      const settings = findReasoningSettings(context.reasoningAliases, model, mode);
      if (settings === undefined) return failed(`No reasoning settings found for model ${model}.`);
      return succeeded(`Reasoning mode set to ${name}.`, { ...{}, ...session, reasoningAlias: { mode, settings } });
    },
  };
}

/**
 * The reasoning alias commands (SEED-SPEC §3.5): `!/max` (mode `high`), `!/medium`, `!/low`,
 * `!/no-think` (mode `none`, also under the names the old README advertised). Each looks the
 * session's model up in `config/reasoning_aliases.yaml` and stores the mode's settings, which
 * `applySessionToRequest` applies to every forwarded request.
 */
export const reasoningAliasCommands: readonly Command[] = [
  reasoningAliasCommand('max', 'high', 'Use the high reasoning mode of the current model.'),
  reasoningAliasCommand('medium', 'medium', 'Use the medium reasoning mode of the current model.'),
  reasoningAliasCommand('low', 'low', 'Use the low reasoning mode of the current model.'),
  reasoningAliasCommand('no-think', 'none', 'Turn reasoning off for the current model.', [
    'no-thinking',
    'no-reasoning',
    'disable-thinking',
    'disable-reasoning',
  ]),
];
