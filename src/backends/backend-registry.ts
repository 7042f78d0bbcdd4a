import type { Agent } from 'undici';
import type { BackendConfig, BackendFamily, Config } from '../config/index.js';
import type { BackendConnector } from './backend-connector.js';
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
    config: Config,
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


  async close(): Promise<void> {
    await Promise.all([...this.backends.values()].map((backend) => backend.agent.close()));
  }
}
