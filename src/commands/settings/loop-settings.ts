import { parseToolLoopMode } from '../../operators/tool-loop/tool-loop-settings.js';
import type { SessionState } from '../../sessions/session-state.js';
import { booleanSetting, changed, rejected, withoutFields, type Setting } from './setting.js';

type ToolLoop = NonNullable<SessionState['toolLoop']>;

/** The session with one tool-loop field changed (or removed when `value` is undefined). */
function withToolLoop<K extends keyof ToolLoop>(session: SessionState, field: K, value: ToolLoop[K] | undefined): SessionState {
  const toolLoop: Record<string, unknown> = { ...session.toolLoop };
  if (value === undefined) delete toolLoop[field];
  else toolLoop[field] = value;
  const next = toolLoop as ToolLoop;
  return Object.keys(next).length === 0 ? withoutFields(session, 'toolLoop') : { ...{}, ...session, toolLoop: next };
}

function readInteger(value: string): number {
  const text = value.trim();
  return /^-?\d+$/u.test(text) ? Number(text) : Number.NaN;
}

export const loopDetectionSetting: Setting = booleanSetting('loop-detection', 'Loop detection', (session, value) =>
  value === undefined ? withoutFields(session, 'loopDetection') : { ...{}, ...session, loopDetection: value },
);

export const toolLoopDetectionSetting: Setting = booleanSetting(
  'tool-loop-detection',
  'Tool call loop detection',
  (session, value) => withToolLoop(session, 'enabled', value),
);

export const toolLoopMaxRepeatsSetting: Setting = {
  key: 'tool-loop-max-repeats',
  set(value, session) {
    const repeats = readInteger(value);
    if (!Number.isSafeInteger(repeats)) return rejected(`Invalid max repeats value: ${value}. Must be an integer.`);
    if (repeats < 2) return rejected('Max repeats must be at least 2');
    return changed(withToolLoop(session, 'maxRepeats', repeats), `Tool call loop max repeats set to ${repeats}`);
  },
  unset: (session) => changed(withToolLoop(session, 'maxRepeats', undefined), 'Tool call loop max repeats reset to default'),
};

export const toolLoopTtlSetting: Setting = {
  key: 'tool-loop-ttl',
  aliases: ['tool-loop-ttl-seconds'],
  set(value, session) {
    const seconds = readInteger(value);
    if (!Number.isSafeInteger(seconds)) return rejected(`Invalid TTL value: ${value}. Must be an integer.`);
    if (seconds < 1) return rejected('TTL must be at least 1 second');
    return changed(withToolLoop(session, 'ttlSeconds', seconds), `Tool call loop TTL set to ${seconds} seconds`);
  },
  unset: (session) => changed(withToolLoop(session, 'ttlSeconds', undefined), 'Tool call loop TTL reset to default'),
};

export const toolLoopModeSetting: Setting = {
  key: 'tool-loop-mode',
  set(value, session) {
    const mode = parseToolLoopMode(value);
    if (mode === undefined) return rejected(`Invalid loop mode: ${value}. Use break or chance_then_break.`);
    return changed(withToolLoop(session, 'mode', mode), `Tool call loop mode set to ${mode}`);
  },
  unset: (session) => changed(withToolLoop(session, 'mode', undefined), 'Tool call loop mode reset to default'),
};
