import type { SessionState } from '../../sessions/session-state.js';
import { changed, rejected, withoutFields, type Setting, type SettingOutcome } from './setting.js';

/** Efforts `!/set(reasoning-effort=…)` accepts; `maximum` is the seeds' spelling of `max`. */
const reasoningEfforts = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max', 'maximum'];

/** Sets the temperature: a number from 0.0 to 1.0 (SEED-SPEC §3.6). */
export function setTemperature(value: string, session: SessionState): SettingOutcome {
  const text = value.trim();
  const temperature = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(temperature)) return rejected('Temperature must be a valid number');
  if (temperature < 0 || temperature > 1) return rejected('Temperature must be between 0.0 and 1.0');
  return changed({ ...{}, ...session, temperature }, `Temperature set to ${text}`);
}

export const temperatureSetting: Setting = {
  key: 'temperature',
  set: setTemperature,
  unset: (session) => changed(withoutFields(session, 'temperature'), 'Temperature unset'),
};

export const reasoningEffortSetting: Setting = {
  key: 'reasoning-effort',
  set(value, session) {
    const effort = value.trim().toLowerCase();
    if (!reasoningEfforts.includes(effort)) {
      return rejected(`Invalid reasoning effort: ${value}. Use one of: ${reasoningEfforts.join(', ')}`);
    }
    const stored = effort === 'maximum' ? 'max' : effort;
    return changed({ ...{}, ...session, reasoningEffort: stored }, `Reasoning effort set to ${effort}`);
  },
  unset: (session) => changed(withoutFields(session, 'reasoningEffort'), 'Reasoning effort unset'),
};

export const thinkingBudgetSetting: Setting = {
  key: 'thinking-budget',
  set(value, session) {
    const text = value.trim();
    const budget = /^\d+$/u.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(budget) || budget < 128 || budget > 32768) {
      return rejected('Thinking budget must be between 128 and 32768 tokens');
    }
    return changed({ ...{}, ...session, thinkingBudget: budget }, `Thinking budget set to ${budget}`);
  },
  unset: (session) => changed(withoutFields(session, 'thinkingBudget'), 'Thinking budget unset'),
};
