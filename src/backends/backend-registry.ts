import type { Agent } from 'undici';
import type { BackendConfig, BackendFamily, Config } from '../config/index.js';
import { GatewayError } from '../errors/index.js';
import type { BackendConnector, BackendTarget } from './backend-connector.js';
import { resolveModelSelector } from './resolve-model-selector.js';
import { createUpstreamAgent } from './upstream-agent.js';

export interface RegisteredBackend {
  readonly config: BackendConfig;
  readonly connector: BackendConnector;
  readonly agent: Agent;
}

/**
 * The configured backends with their connectors and connection pools. Families without a
 * connector yet are left out (and named in the start-up banner).
 */
export class BackendRegistry {
  private readonly backends = new Map<string, RegisteredBackend>();

  constructor(
    private readonly config: Config,
    connectors: Partial<Record<BackendFamily, BackendConnector>>,
  ) {
    for (const backend of Object.values(config.backends)) {
      const connector = connectors[backend.family];
      if (connector !== undefined) {
        this.backends.set(backend.id, { config: backend, connector, agent: createUpstreamAgent(config.timeouts) });
      }
    }
  }

  ids(): string[] {
    return [...this.backends.keys()];
  }

  get(id: string): RegisteredBackend | undefined {
    return this.backends.get(id);
  }

  /** Resolves the client's model string (after `--force-model`) to a backend, model and key. */
  resolve(requestedModel: string): { readonly registered: RegisteredBackend; readonly target: BackendTarget } {
    const requested = this.config.forceModel ?? requestedModel;
    const defaultBackend = this.config.defaultBackend !== undefined && this.backends.has(this.config.defaultBackend)
      ? this.config.defaultBackend
      : this.ids()[0];
    const selection = resolveModelSelector(requested, this.ids(), defaultBackend);
    const registered = this.backends.get(selection.backend);
    if (registered === undefined) throw new GatewayError('GW_ERR_UNKNOWN_BACKEND', `Unknown backend '${selection.backend}'`);
    return { registered, target: { backend: registered.config, model: selection.model, key: registered.config.keys[0] } };
  }

  async close(): Promise<void> {
    await Promise.all([...this.backends.values()].map((backend) => backend.agent.close()));
  }
}
