/** How a detected tool-call loop is handled (SEED-SPEC §6). */
export type ToolLoopMode = 'break' | 'chance_then_break';

/**
 * Settings of tool-call loop detection. Names follow the seed's `TOOL_LOOP_*` variables and
 * `!/set(tool-loop-*)` parameters; defaults are the seed's (SEED-SPEC §6).
 */
export interface ToolLoopSettings {
  /** `TOOL_LOOP_DETECTION_ENABLED`: when false the operator is a pass-through. */
  readonly enabled: boolean;
  /** `TOOL_LOOP_MAX_REPEATS`: identical calls (consecutive or within the TTL) that trigger; ≥ 2. */
  readonly maxRepeats: number;
  /** `TOOL_LOOP_TTL_SECONDS`: how long a call is remembered; ≥ 1. */
  readonly ttlSeconds: number;
  /** `TOOL_LOOP_MODE`: `break`, or `chance_then_break` (warn once, then break). */
  readonly mode: ToolLoopMode;
}

/** A partial override: model defaults or session settings. */
export type ToolLoopSettingsOverride = Partial<ToolLoopSettings>;

export const defaultToolLoopSettings: ToolLoopSettings = Object.freeze({
  enabled: true,
  maxRepeats: 4,
  ttlSeconds: 120,
  mode: 'break',
});

const trueWords = new Set(['true', '1', 'yes', 'on']);
const falseWords = new Set(['false', '0', 'no', 'off']);

/**
 * Reads a mode name: `break`, `chance_then_break`, the env shorthand `chance`, and the
 * hyphenated `chance-then-break` (case-insensitive); `undefined` for anything else.
 */
export function parseToolLoopMode(text: string): ToolLoopMode | undefined {
  const word = text.trim().toLowerCase();
  if (word === 'break') return 'break';
  if (word === 'chance' || word === 'chance_then_break' || word === 'chance-then-break') return 'chance_then_break';
  return undefined;
}

function readInteger(
  env: Record<string, string | undefined>,
  variable: string,
  minimum: number,
  problems: string[],
): number | undefined {
  const text = env[variable]?.trim();
  if (text === undefined || text === '') return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= minimum) return value;
  problems.push(`${variable} must be an integer of at least ${minimum}, got "${env[variable]}"`);
  return undefined;
}

/**
 * Reads the `TOOL_LOOP_*` variables over the defaults. Unset or empty variables keep the default.
 * Throws one Error naming every invalid variable.
 *
 * @example
 * toolLoopSettingsFromEnv({ TOOL_LOOP_MODE: 'chance', TOOL_LOOP_MAX_REPEATS: '6' });
 * // { enabled: true, maxRepeats: 6, ttlSeconds: 120, mode: 'chance_then_break' }
 */
export function toolLoopSettingsFromEnv(env: Record<string, string | undefined>): ToolLoopSettings {
  const problems: string[] = [];
  let enabled = defaultToolLoopSettings.enabled;
  const enabledText = env.TOOL_LOOP_DETECTION_ENABLED?.trim().toLowerCase();
  if (enabledText !== undefined && enabledText !== '') {
    if (trueWords.has(enabledText)) enabled = true;
    else if (falseWords.has(enabledText)) enabled = false;
    else problems.push(`TOOL_LOOP_DETECTION_ENABLED must be true or false, got "${env.TOOL_LOOP_DETECTION_ENABLED}"`);
  }
  const maxRepeats = readInteger(env, 'TOOL_LOOP_MAX_REPEATS', 2, problems);
  const ttlSeconds = readInteger(env, 'TOOL_LOOP_TTL_SECONDS', 1, problems);
  let mode = defaultToolLoopSettings.mode;
  const modeText = env.TOOL_LOOP_MODE?.trim();
  if (modeText !== undefined && modeText !== '') {
    const parsed = parseToolLoopMode(modeText);
    if (parsed === undefined) {
      problems.push(`TOOL_LOOP_MODE must be break, chance_then_break or chance, got "${env.TOOL_LOOP_MODE}"`);
    } else {
      mode = parsed;
    }
  }
  if (problems.length > 0) throw new Error(`Invalid tool loop detection settings: ${problems.join('; ')}`);
  return Object.freeze({
    enabled,
    maxRepeats: maxRepeats ?? defaultToolLoopSettings.maxRepeats,
    ttlSeconds: ttlSeconds ?? defaultToolLoopSettings.ttlSeconds,
    mode,
  });
}

/**
 * The effective settings: session > model defaults > server, field by field (SEED-SPEC §6).
 * Fields left `undefined` in an override fall through. Values are not re-validated here: they are
 * checked where they enter (env, config, `!/set`).
 *
 * @example
 * mergeToolLoopSettings(server, { enabled: false }, { enabled: true }).enabled; // true
 */
export function mergeToolLoopSettings(
  server: ToolLoopSettings,
  modelDefaults?: ToolLoopSettingsOverride,
  session?: ToolLoopSettingsOverride,
): ToolLoopSettings {
  const pick = <K extends keyof ToolLoopSettings>(key: K): ToolLoopSettings[K] =>
    session?.[key] ?? modelDefaults?.[key] ?? server[key];
  return Object.freeze({
    enabled: pick('enabled'),
    maxRepeats: pick('maxRepeats'),
    ttlSeconds: pick('ttlSeconds'),
    mode: pick('mode'),
  });
}
