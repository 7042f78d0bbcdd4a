import { defaultLoopDetectionSettings, type LoopDetectionSettings } from './loop-detection-settings.js';

type NumericKey = Exclude<keyof LoopDetectionSettings, 'enabled'>;

/** Each numeric setting with its variable and smallest allowed value. */
const numericVariables: ReadonlyArray<{ key: NumericKey; variable: string; minimum: number }> = [
  { key: 'bufferSize', variable: 'LOOP_DETECTION_BUFFER_SIZE', minimum: 16 },
  { key: 'maxPatternLength', variable: 'LOOP_DETECTION_MAX_PATTERN_LENGTH', minimum: 2 },
  { key: 'contentChunkSize', variable: 'LOOP_DETECTION_CONTENT_CHUNK_SIZE', minimum: 2 },
  { key: 'contentLoopThreshold', variable: 'LOOP_DETECTION_CONTENT_LOOP_THRESHOLD', minimum: 2 },
  { key: 'maxHistoryLength', variable: 'LOOP_DETECTION_MAX_HISTORY_LENGTH', minimum: 2 },
  { key: 'analysisInterval', variable: 'LOOP_DETECTION_ANALYSIS_INTERVAL', minimum: 1 },
];

/** Upper bound for every numeric setting: keeps the detector's typed arrays to a sane size. */
const maximumValue = 1 << 20;

const trueWords = new Set(['true', '1', 'yes', 'on']);
const falseWords = new Set(['false', '0', 'no', 'off']);

/**
 * Reads every `LOOP_DETECTION_*` variable over the defaults. Unset or empty variables keep the
 * default. Throws one Error listing every invalid variable by name.
 *
 * @example
 * loopDetectionSettingsFromEnv({ LOOP_DETECTION_BUFFER_SIZE: '4096' }).bufferSize; // 4096
 */
export function loopDetectionSettingsFromEnv(env: Record<string, string | undefined>): LoopDetectionSettings {
  const problems: string[] = [];
  const settings: { -readonly [K in keyof LoopDetectionSettings]: LoopDetectionSettings[K] } = {
    ...defaultLoopDetectionSettings,
  };

  const enabled = env.LOOP_DETECTION_ENABLED?.trim().toLowerCase();
  if (enabled !== undefined && enabled !== '') {
    if (trueWords.has(enabled)) settings.enabled = true;
    else if (falseWords.has(enabled)) settings.enabled = false;
    else problems.push(`LOOP_DETECTION_ENABLED must be true or false, got "${env.LOOP_DETECTION_ENABLED}"`);
  }

  for (const { key, variable, minimum } of numericVariables) {
    const text = env[variable]?.trim();
    if (text === undefined || text === '') continue;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < minimum || value > maximumValue) {
      problems.push(`${variable} must be an integer from ${minimum} to ${maximumValue}, got "${env[variable]}"`);
    } else {
      settings[key] = value;
    }
  }

  if (settings.maxHistoryLength < settings.contentChunkSize) {
    problems.push(
      `LOOP_DETECTION_MAX_HISTORY_LENGTH (${settings.maxHistoryLength}) must be at least ` +
        `LOOP_DETECTION_CONTENT_CHUNK_SIZE (${settings.contentChunkSize})`,
    );
  }
  if (problems.length > 0) throw new Error(`Invalid loop detection settings: ${problems.join('; ')}`);
  return Object.freeze(settings);
}
