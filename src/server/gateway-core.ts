import type { Logger } from 'pino';
import { anthropicConnector, BackendRegistry, geminiConnector, ModelCatalog, openaiCompatibleConnector } from '../backends/index.js';
import type { Config } from '../config/index.js';
import { InMemoryToolLoopTrackerStore, type ToolLoopTrackerStore } from '../operators/tool-loop/index.js';
import { CircuitBreaker, KeyHealth, RateLimiter, resolveModelLimits, type FailoverRoute, type ModelLimits } from '../routing/index.js';

/**
 * What the main app and the dedicated Anthropic port share, built once per process: backend
 * connection pools, the model catalogue, key health and circuit breakers (so cooldowns hold
 * across requests and sessions), rate-limit windows, tool-loop trackers, the clock.
 */
export interface GatewayCore {
  readonly config: Config;
  readonly registry: BackendRegistry;
  readonly catalog: ModelCatalog;
  readonly keyHealth: KeyHealth;
  readonly breaker: CircuitBreaker;
  readonly rateLimiter: RateLimiter;
  readonly toolLoopTrackers: ToolLoopTrackerStore;
  /** The limits of `backend:model`, with `--force-context-window` applied. */
  readonly limits: (backend: string, model: string) => ModelLimits;
  /** Failover routes by name (from the config file, and later from in-chat commands). */
  readonly routes: () => ReadonlyMap<string, FailoverRoute>;
  readonly now: () => number;
  readonly logger?: Logger;
  close(): Promise<void>;
}

export interface CoreOptions {
  readonly logger?: Logger;
  readonly now?: () => number;
}

export function createGatewayCore(config: Config, options: CoreOptions = {}): GatewayCore {
  const now = options.now ?? Date.now;
  const registry = new BackendRegistry(config, {
    'openai-compatible': openaiCompatibleConnector,
    anthropic: anthropicConnector,
    gemini: geminiConnector,
  });
  const catalog = new ModelCatalog(registry, {
    ttlMs: config.modelsCacheMs,
    now,
    onWarning: (warning) => options.logger?.warn(warning, 'model listing failed; backend skipped'),
  });
  const routes = new Map(config.routing.failoverRoutes.map((route) => [route.name, route]));
  const limitsConfig = {
    byKey: Object.fromEntries(
      Object.entries(config.routing.modelDefaults).flatMap(([key, defaults]) => (defaults.limits === undefined ? [] : [[key, defaults.limits]])),
    ),
  };
  const limits = (backend: string, model: string): ModelLimits => resolveModelLimits(limitsConfig, backend, model, config.forceContextWindow);
  return {
    config,
    registry,
    catalog,
    keyHealth: new KeyHealth({ now }),
    breaker: new CircuitBreaker({
      now,
      failureThreshold: config.routing.failureHandling.breakerThreshold,
      cooldownMs: config.routing.failureHandling.breakerCooldownMs,
    }),
    rateLimiter: new RateLimiter({
      now,
      limitsOf: (modelKey) => {
        const [backend = '', ...rest] = modelKey.split(':');
        return limits(backend, rest.join(':'));
      },
    }),
    limits,
    toolLoopTrackers: new InMemoryToolLoopTrackerStore({ now }),
    routes: () => routes,
    now,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    close: () => registry.close(),
  };
}
