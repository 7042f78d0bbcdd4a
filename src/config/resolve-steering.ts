import { loopDetectionSettingsFromEnv, type LoopDetectionSettings } from '../operators/loop-detection/index.js';
import { defaultEmptyResponsePrompt } from '../operators/recover-empty-response.js';
import { toolLoopSettingsFromEnv, type ToolLoopSettings } from '../operators/tool-loop/index.js';
import type { ConfigFile } from './config-file-codec.js';
import type { EnvironmentVariables } from './load-api-keys.js';

/** Server-wide settings of the stream-steering operators (sessions and model defaults refine them). */
export interface SteeringConfig {
  readonly loopDetection: LoopDetectionSettings;
  readonly toolLoop: ToolLoopSettings;
  readonly toolCallRepair: { readonly enabled: boolean; readonly bufferCapBytes: number };
  readonly jsonRepair: { readonly enabled: boolean };
  readonly emptyResponse: { readonly enabled: boolean; readonly prompt: string };
}

type Env = Record<string, string | undefined>;

function defined(entries: Record<string, string | number | boolean | undefined>): Env {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)]));
}

/**
 * Resolves the steering settings. The YAML values are read as if they were the seed's
 * environment variables (`LOOP_DETECTION_*`, `TOOL_LOOP_*`, `TOOL_CALL_REPAIR_*`), with the real
 * environment on top, so one parser validates both and names the variable at fault.
 */
export function resolveSteering(file: ConfigFile, environment: EnvironmentVariables, problems: string[]): SteeringConfig {
  const loop = file.loop_detection ?? {};
  const toolLoop = file.tool_loop_detection ?? {};
  const session = file.session ?? {};
  const merged: Env = {
    ...{},
    ...defined({
      LOOP_DETECTION_ENABLED: loop.enabled,
      LOOP_DETECTION_BUFFER_SIZE: loop.buffer_size,
      LOOP_DETECTION_MAX_PATTERN_LENGTH: loop.max_pattern_length,
      LOOP_DETECTION_CONTENT_CHUNK_SIZE: loop.content_chunk_size,
      LOOP_DETECTION_CONTENT_LOOP_THRESHOLD: loop.content_loop_threshold,
      LOOP_DETECTION_MAX_HISTORY_LENGTH: loop.max_history_length,
      LOOP_DETECTION_ANALYSIS_INTERVAL: loop.analysis_interval,
      TOOL_LOOP_DETECTION_ENABLED: toolLoop.enabled,
      TOOL_LOOP_MAX_REPEATS: toolLoop.max_repeats,
      TOOL_LOOP_TTL_SECONDS: toolLoop.ttl_seconds,
      TOOL_LOOP_MODE: toolLoop.mode,
      TOOL_CALL_REPAIR_ENABLED: session.tool_call_repair_enabled,
      TOOL_CALL_REPAIR_BUFFER_CAP_BYTES: session.tool_call_repair_buffer_cap_bytes,
      JSON_REPAIR_ENABLED: session.json_repair_enabled,
      EMPTY_RESPONSE_RECOVERY_ENABLED: file.empty_response?.enabled,
    }),
    ...Object.fromEntries(Object.entries(environment).filter(([key]) => /^(LOOP_DETECTION_|TOOL_LOOP_|TOOL_CALL_REPAIR_|JSON_REPAIR_|EMPTY_RESPONSE_)/.test(key))),
  };
  const attempt = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch (error) {
      problems.push((error as Error).message);
      return fallback;
    }
  };
  const loopDetection = attempt(() => loopDetectionSettingsFromEnv(merged), loopDetectionSettingsFromEnv({}));
  const toolLoopSettings = attempt(() => toolLoopSettingsFromEnv(merged), toolLoopSettingsFromEnv({}));
  const bufferCapText = merged.TOOL_CALL_REPAIR_BUFFER_CAP_BYTES;
  const bufferCapBytes = bufferCapText === undefined ? 65_536 : Number(bufferCapText);
  if (!Number.isInteger(bufferCapBytes) || bufferCapBytes <= 0) problems.push(`TOOL_CALL_REPAIR_BUFFER_CAP_BYTES: expected a positive integer, got '${bufferCapText ?? ''}'`);
  return {
    loopDetection,
    toolLoop: toolLoopSettings,
    toolCallRepair: { enabled: flag(merged, 'TOOL_CALL_REPAIR_ENABLED', true, problems), bufferCapBytes },
    jsonRepair: { enabled: flag(merged, 'JSON_REPAIR_ENABLED', true, problems) },
    emptyResponse: { enabled: flag(merged, 'EMPTY_RESPONSE_RECOVERY_ENABLED', true, problems), prompt: file.empty_response?.prompt ?? defaultEmptyResponsePrompt },
  };
}

function flag(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const text = env[name]?.trim().toLowerCase();
  if (text === undefined || text === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  problems.push(`${name}: expected true or false, got '${env[name] ?? ''}'`);
  return fallback;
}
