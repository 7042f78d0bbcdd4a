import { reasoningEffortSetting, temperatureSetting, thinkingBudgetSetting } from './generation-settings.js';
import {
  loopDetectionSetting,
  toolLoopDetectionSetting,
  toolLoopMaxRepeatsSetting,
  toolLoopModeSetting,
  toolLoopTtlSetting,
} from './loop-settings.js';
import { backendSetting, defaultBackendSetting, modelSetting, openaiUrlSetting } from './routing-settings.js';
import {
  commandPrefixSetting,
  interactiveModeSetting,
  projectDirSetting,
  projectSetting,
  redactApiKeysSetting,
} from './session-mode-settings.js';
import type { Setting } from './setting.js';

/** Every `!/set` / `!/unset` parameter, in the order help lists them. */
export const sessionSettings: readonly Setting[] = [
  modelSetting,
  backendSetting,
  defaultBackendSetting,
  projectSetting,
  projectDirSetting,
  interactiveModeSetting,
  redactApiKeysSetting,
  commandPrefixSetting,
  openaiUrlSetting,
  temperatureSetting,
  reasoningEffortSetting,
  thinkingBudgetSetting,
  loopDetectionSetting,
  toolLoopDetectionSetting,
  toolLoopMaxRepeatsSetting,
  toolLoopTtlSetting,
  toolLoopModeSetting,
];

const byKey = new Map<string, Setting>(
  sessionSettings.flatMap((setting) => [setting.key, ...(setting.aliases ?? [])].map((key) => [key, setting] as const)),
);

/**
 * A parameter name the seeds' way (SEED-SPEC §3.2): lower case, `_` and spaces become `-`.
 *
 * @example
 * normaliseSettingKey('OpenAI_URL'); // 'openai-url'
 */
export function normaliseSettingKey(key: string): string {
  return key.trim().toLowerCase().replace(/[_\s]+/gu, '-');
}

/** The setting for a (normalised) key or alias, e.g. `interactive` → `interactive-mode`. */
export function findSetting(key: string): Setting | undefined {
  return byKey.get(normaliseSettingKey(key));
}

/** The reply for a key no setting has. */
export function unknownParameterMessage(key: string): string {
  return `Unknown parameter: ${key}. Known parameters: ${sessionSettings.map((setting) => setting.key).join(', ')}`;
}
