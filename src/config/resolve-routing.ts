import type { FailoverRoute } from '../routing/failover-route.js';
import type { ModelLimitsEntry } from '../routing/model-limits.js';
import type { ConfigFile, ModelSettingsEntry } from './config-file-codec.js';

/** Per-model settings from `model_defaults` and `backends.<id>.models`, keyed `model` or `backend:model`. */
export interface ModelDefaults {
  readonly limits?: ModelLimitsEntry;
  readonly loopDetectionEnabled?: boolean;
  readonly toolLoop?: {
    readonly enabled?: boolean;
    readonly maxRepeats?: number;
    readonly ttlSeconds?: number;
    readonly mode?: 'break' | 'chance_then_break';
  };
}

export interface FailureHandlingConfig {
  /** Most upstream attempts for one request, across keys and route elements. */
  readonly maxAttempts: number;
  /** No new attempt starts later than this after the request arrived. */
  readonly totalBudgetMs: number;
  readonly breakerThreshold: number;
  readonly breakerCooldownMs: number;
}

export interface RoutingConfig {
  readonly modelDefaults: Readonly<Record<string, ModelDefaults>>;
  readonly failoverRoutes: readonly FailoverRoute[];
  readonly failureHandling: FailureHandlingConfig;
}

function toModelDefaults(entry: ModelSettingsEntry): ModelDefaults {
  const toolLoop = {
    ...{},
    ...(entry.tool_loop_detection_enabled === undefined ? {} : { enabled: entry.tool_loop_detection_enabled }),
    ...(entry.tool_loop_max_repeats === undefined ? {} : { maxRepeats: entry.tool_loop_max_repeats }),
    ...(entry.tool_loop_ttl_seconds === undefined ? {} : { ttlSeconds: entry.tool_loop_ttl_seconds }),
    ...(entry.tool_loop_mode === undefined ? {} : { mode: entry.tool_loop_mode === 'break' ? ('break' as const) : ('chance_then_break' as const) }),
  };
  return {
    ...{},
    ...(entry.limits === undefined ? {} : { limits: entry.limits }),
    ...(entry.loop_detection_enabled === undefined ? {} : { loopDetectionEnabled: entry.loop_detection_enabled }),
    ...(Object.keys(toolLoop).length === 0 ? {} : { toolLoop }),
  };
}

/**
 * Failover routes, per-model defaults and failure-handling budgets from the YAML file. Model
 * entries under `backends.<id>.models` are keyed `<id>:<model>`; `model_defaults` keys are used
 * as written (either form), and a `backend:model` entry wins over a plain `model` one at lookup.
 */
export function resolveRouting(file: ConfigFile): RoutingConfig {
  const modelDefaults: Record<string, ModelDefaults> = {};
  for (const [key, entry] of Object.entries(file.model_defaults ?? {})) modelDefaults[key] = toModelDefaults(entry);
  for (const [backend, entry] of Object.entries(file.backends ?? {})) {
    if (entry.models === undefined || Array.isArray(entry.models)) continue;
    for (const [model, settings] of Object.entries(entry.models)) modelDefaults[`${backend}:${model}`] = toModelDefaults(settings);
  }
  const failure = file.failure_handling ?? {};
  return {
    modelDefaults,
    failoverRoutes: Object.entries(file.failover_routes ?? {}).map(([name, route]) => ({ name, policy: route.policy, elements: route.elements })),
    failureHandling: {
      maxAttempts: failure.max_attempts ?? 10,
      totalBudgetMs: (failure.total_timeout_budget_seconds ?? 90) * 1000,
      breakerThreshold: failure.circuit_failure_threshold ?? 5,
      breakerCooldownMs: (failure.circuit_cooldown_seconds ?? 30) * 1000,
    },
  };
}

/** Looks a model's defaults up: `backend:model` first, then the plain model name. */
export function modelDefaultsFor(defaults: Readonly<Record<string, ModelDefaults>>, backend: string, model: string): ModelDefaults {
  return defaults[`${backend}:${model}`] ?? defaults[model] ?? {};
}
