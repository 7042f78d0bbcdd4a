import { parseSelector } from '../../routing/parse-selector.js';
import { failed, succeeded, type Command } from '../command.js';
import { unknownBackendMessage } from '../settings/routing-settings.js';
import { readMainValue, readNamed } from './read-arguments.js';

/**
 * `!/oneoff(backend:model)`: routes exactly the next forwarded request there, then the session's
 * own backend and model apply again (the caller consumes it with `consumeOneOff`).
 */
export const oneoffCommand: Command = {
  name: 'oneoff',
  aliases: ['one-off'],
  description: 'Use a backend and model for the next request only.',
  format: '!/oneoff(backend:model)',
  examples: ['!/oneoff(openrouter:qwen/qwen3-coder)'],
  run(args, context) {
    const backendArgument = readNamed(args, ['backend'])?.trim();
    const modelArgument = readNamed(args, ['model'])?.trim();
    const text =
      backendArgument !== undefined && modelArgument !== undefined
        ? `${backendArgument}:${modelArgument}`
        : (readMainValue(args, ['route', 'selector', 'name'])?.trim() ?? '');
    if (text === '' || text.startsWith(':')) return failed('Invalid format. Use backend:model.');
    const selector = parseSelector(text);
    if (selector.backend === undefined) {
      return failed(`Invalid selector '${text}': oneoff requires explicit backend:model; model-only selectors are not allowed.`);
    }
    const model = text.slice(selector.backend.length + 1);
    if (model.trim() === '') return failed('Invalid format. Use backend:model.');
    if (!context.configuredBackends.includes(selector.backend)) return failed(unknownBackendMessage(selector.backend, context));
    return succeeded(`One-off route set to ${selector.backend}:${model}.`, {
      ...{},
      ...context.session,
      oneOff: { backend: selector.backend, model },
    });
  },
};
