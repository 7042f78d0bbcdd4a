import type { ApiKey } from './load-api-keys.js';
import type { BackendFamily } from './backend-catalog.js';
import type { SteeringConfig } from './resolve-steering.js';
import type { RoutingConfig } from './resolve-routing.js';
import type { ObservabilityConfig } from './resolve-observability.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/** One backend the gateway may call, fully resolved (keys loaded, URL chosen). */
export interface BackendConfig {
  readonly id: string;
  readonly family: BackendFamily;
  readonly baseUrl: string;
  readonly keys: readonly ApiKey[];
  /** Static model list from config (names); when absent the upstream's own list is fetched. */
  readonly models?: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
}

export interface TimeoutConfig {
  readonly connectMs: number;
  /** Until the upstream's response headers arrive (undici `headersTimeout`). */
  readonly firstByteMs: number;
  /** Between two body chunks (undici `bodyTimeout`). */
  readonly idleMs: number;
}

/** The resolved, frozen configuration: CLI > environment > YAML > defaults, decoded once. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly anthropicPort: number | null;
  readonly configFile?: string;
  readonly defaultBackend?: string;
  readonly backends: Readonly<Record<string, BackendConfig>>;
  readonly timeouts: TimeoutConfig;
  readonly bodyLimitBytes: number;
  readonly modelsCacheMs: number;
  readonly forceModel?: string;
  readonly auth: {
    readonly disabled: boolean;
    /** Keys clients may present; empty only when auth is disabled. */
    readonly apiKeys: readonly string[];
    /** True when the key was generated at start (it is printed once). */
    readonly generatedKey: boolean;
  };
  readonly logging: { readonly level: LogLevel; readonly file?: string };
  readonly steering: SteeringConfig;
  readonly routing: RoutingConfig;
  readonly observability: ObservabilityConfig;
  readonly commands: {
    /** Prefix of in-chat commands (default `!/`); a session may change its own. */
    readonly prefix: string;
    /** `--disable-interactive-commands`: commands are not read at all. */
    readonly disabled: boolean;
    /** `--force-set-project`: prompts are refused until the session has a project. */
    readonly forceSetProject: boolean;
    /** `config/reasoning_aliases.yaml` unless configured. */
    readonly reasoningAliasesFile?: string;
  };
  /** `--force-context-window`: one context window (tokens) for every model. */
  readonly forceContextWindow?: number;
  /** Messages for the start-up log (for example "--disable-auth forces 127.0.0.1"). */
  readonly notices: readonly string[];
}
