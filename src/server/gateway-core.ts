import type { Logger } from 'pino';
import { anthropicConnector, BackendRegistry, geminiConnector, ModelCatalog, openaiCompatibleConnector } from '../backends/index.js';
import type { Config } from '../config/index.js';

/**
 * What the main app and the dedicated Anthropic port share: one backend registry (connection
 * pools), one model catalogue, one clock. Built once per process.
 */
export interface GatewayCore {
  readonly config: Config;
  readonly registry: BackendRegistry;
  readonly catalog: ModelCatalog;
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
  return {
    config,
    registry,
    catalog,
    now,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    close: () => registry.close(),
  };
}
