import { parseSelector } from '../../routing/parse-selector.js';
import type { SessionState } from '../../sessions/session-state.js';
import type { CommandContext } from '../command.js';
import { changed, rejected, withoutFields, type Setting, type SettingOutcome } from './setting.js';

/** The reply for a backend that has no configuration. */
export function unknownBackendMessage(backend: string, context: CommandContext): string {
  const known = context.configuredBackends.length === 0 ? 'none' : context.configuredBackends.join(', ');
  return `Backend '${backend}' is not configured (configured backends: ${known})`;
}

/**
 * Sets the session model from `model`, `backend:model` or a failover route name (SEED-SPEC §3.6,
 * §4.1 selector grammar: the `:` splits only before the first `/`).
 */
export function setModel(value: string, session: SessionState, context: CommandContext): SettingOutcome {
  const text = value.trim();
  if (text === '') return rejected('Model name must be specified');
  if (context.routes.get(text) !== undefined) {
    return changed({ ...{}, ...withoutFields(session, 'backend'), model: text }, `Model changed to ${text}`);
  }
  const selector = parseSelector(text);
  const emptyBackend = text.startsWith(':');
  if (emptyBackend || (selector.backend !== undefined && selector.model.trim() === '')) {
    return rejected('Invalid model selector. Use backend:model with non-empty backend and model.');
  }
  if (selector.backend === undefined) return changed({ ...{}, ...session, model: text }, `Model changed to ${text}`);
  if (!context.configuredBackends.includes(selector.backend)) {
    return rejected(unknownBackendMessage(selector.backend, context));
  }
  const model = text.slice(selector.backend.length + 1);
  return changed(
    { ...{}, ...session, backend: selector.backend, model },
    `Backend changed to ${selector.backend}`,
    `Model changed to ${model}`,
  );
}

/** Sets the session backend; it must be configured. */
export function setBackend(value: string, session: SessionState, context: CommandContext): SettingOutcome {
  const backend = value.trim();
  if (backend === '') return rejected('Backend name must be specified');
  if (!context.configuredBackends.includes(backend)) return rejected(unknownBackendMessage(backend, context));
  return changed({ ...{}, ...session, backend }, `Backend changed to ${backend}`);
}

export const modelSetting: Setting = {
  key: 'model',
  set: setModel,
  unset: (session) => changed(withoutFields(session, 'model'), 'Model unset'),
};

export const backendSetting: Setting = {
  key: 'backend',
  set: setBackend,
  unset: (session) => changed(withoutFields(session, 'backend'), 'Backend unset'),
};

/** Proxy-wide: changes every session's default and is persisted with `--config`. */
export const defaultBackendSetting: Setting = {
  key: 'default-backend',
  set(value, session, context) {
    const backend = value.trim();
    if (backend === '') return rejected('Backend name must be specified');
    if (!context.configuredBackends.includes(backend)) return rejected(unknownBackendMessage(backend, context));
    return { ok: true, messages: [`Default backend changed to ${backend}`], session, apply: () => context.defaultBackend.set(backend) };
  },
  unset: (session, context) => ({
    ok: true,
    messages: ['Default backend unset'],
    session,
    apply: () => context.defaultBackend.set(undefined),
  }),
};

export const openaiUrlSetting: Setting = {
  key: 'openai-url',
  set(value, session) {
    const url = value.trim();
    if (!/^https?:\/\/\S+$/iu.test(url)) return rejected('OpenAI URL must start with http:// or https://');
    return changed({ ...{}, ...session, openaiUrl: url }, `OpenAI URL set to ${url}`);
  },
  unset: (session) => changed(withoutFields(session, 'openaiUrl'), 'OpenAI URL unset'),
};
