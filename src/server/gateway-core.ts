import type { Logger } from 'pino';
import { anthropicConnector, BackendRegistry, geminiConnector, ModelCatalog, openaiCompatibleConnector } from '../backends/index.js';
import type { Config } from '../config/index.js';
import { InMemoryToolLoopTrackerStore, type ToolLoopTrackerStore } from '../operators/tool-loop/index.js';
import { FailoverRouteStore, type DefaultBackend, type ReasoningAliasConfig } from '../commands/index.js';
import { InMemorySessionStore, type SessionStore } from '../sessions/index.js';
import { createObservability, type Observability } from './observability/create-observability.js';
import { lazyReasoningAliases } from './load-default-reasoning-aliases.js';
import { SignatureStore } from './signatures/signature-store.js';
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
  /** Wire capture, usage and audit stores, secret maskers, trusted IPs. */
  readonly observability: Observability;
  /** The limits of `backend:model`, with `--force-context-window` applied. */
  readonly limits: (backend: string, model: string) => ModelLimits;
  /** Failover routes by name: the config file's, and those made with in-chat commands. */
  readonly routes: () => ReadonlyMap<string, FailoverRoute>;
  readonly routeStore: FailoverRouteStore;
  /** The backend for bare model names; `!/set(default-backend=…)` changes it for everyone. */
  readonly defaultBackend: DefaultBackend & { onChange(listener: () => void): void };
  readonly sessions: SessionStore;
  /** Signatures of tool calls whose clients cannot carry them back (see `restoreSignatures`). */
  readonly signatures: SignatureStore;
  /** Loaded on first use (a configured file is checked at start-up). */
  readonly reasoningAliases: () => ReasoningAliasConfig | undefined;
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
  const routeStore = new FailoverRouteStore(registry.ids(), config.routing.failoverRoutes);
  // Rebuilt only when a route changes, not on every request.
  const routesByName = (): Map<string, FailoverRoute> => new Map(routeStore.list().map((route) => [route.name, route]));
  let routes = routesByName();
  routeStore.onChange(() => {
    routes = routesByName();
  });
  let defaultBackend = config.defaultBackend;
  const defaultBackendListeners: (() => void)[] = [];
  const limitsConfig = {
    byKey: Object.fromEntries(
      Object.entries(config.routing.modelDefaults).flatMap(([key, defaults]) => (defaults.limits === undefined ? [] : [[key, defaults.limits]])),
    ),
  };
  const observability = createObservability(config, { now, onError: (error) => options.logger?.error({ err: error }, 'observability write failed') });
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
    observability,
    routes: () => routes,
    routeStore,
    defaultBackend: {
      get: () => defaultBackend,
      set: (backend) => {
        defaultBackend = backend ?? config.defaultBackend;
        for (const listener of defaultBackendListeners) listener();
      },
      onChange: (listener) => {
        defaultBackendListeners.push(listener);
      },
    },
    sessions: new InMemorySessionStore({ now }),
    signatures: new SignatureStore({ now }),
    reasoningAliases: lazyReasoningAliases(config.commands.reasoningAliasesFile),
    now,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    close: async () => {
      await registry.close();
      await observability.close();
    },
  };
}
