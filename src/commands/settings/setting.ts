import type { SessionState } from '../../sessions/session-state.js';
import type { CommandContext } from '../command.js';

/**
 * A change a setting makes: reply lines and the new session state, plus an optional proxy-wide
 * effect (the default backend) run only once every parameter of the `!/set` call has passed.
 */
export type SettingOutcome =
  | {
      readonly ok: true;
      readonly messages: readonly string[];
      readonly session: SessionState;
      readonly apply?: () => void;
    }
  | { readonly ok: false; readonly message: string };

/** One `!/set` / `!/unset` parameter. */
export interface Setting {
  /** The normalised key (`interactive-mode`). */
  readonly key: string;
  /** Other normalised keys for it (`interactive`). */
  readonly aliases?: readonly string[];
  set(value: string, session: SessionState, context: CommandContext): SettingOutcome;
  unset(session: SessionState, context: CommandContext): SettingOutcome;
}

/** A successful outcome. */
export function changed(session: SessionState, ...messages: string[]): SettingOutcome {
  return { ok: true, messages, session };
}

/** A failed outcome; the reply is `message`. */
export function rejected(message: string): SettingOutcome {
  return { ok: false, message };
}

/** The session without the given override fields. */
export function withoutFields(session: SessionState, ...fields: readonly (keyof SessionState)[]): SessionState {
  const copy: Record<string, unknown> = { ...session };
  for (const field of fields) delete copy[field];
  return copy as unknown as SessionState;
}

const trueWords = new Set(['true', '1', 'yes', 'on', 'enable', 'enabled']);
const falseWords = new Set(['false', '0', 'no', 'off', 'disable', 'disabled']);

/**
 * Reads a boolean the seeds' ways (`true|false|on|off|yes|no|1|0`, any case), or gives the
 * seeds' error text.
 */
export function parseBooleanValue(value: string): { ok: true; value: boolean } | { ok: false; message: string } {
  const word = value.trim().toLowerCase();
  if (word === '') return { ok: false, message: 'Boolean value must be specified' };
  if (trueWords.has(word)) return { ok: true, value: true };
  if (falseWords.has(word)) return { ok: true, value: false };
  return { ok: false, message: `Invalid boolean value: ${value}` };
}

/** A boolean setting with `<label> enabled` / `<label> disabled` replies. */
export function booleanSetting(
  key: string,
  label: string,
  read: (session: SessionState, value: boolean | undefined) => SessionState,
  aliases?: readonly string[],
): Setting {
  return {
    key,
    ...(aliases === undefined ? {} : { aliases }),
    set(value, session) {
      const parsed = parseBooleanValue(value);
      if (!parsed.ok) return rejected(parsed.message);
      return changed(read(session, parsed.value), `${label} ${parsed.value ? 'enabled' : 'disabled'}`);
    },
    unset: (session) => changed(read(session, undefined), `${label} reset to default`),
  };
}
