import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { BackendRegistry, ModelCatalog, openaiCompatibleConnector } from '../backends/index.js';
import type { Config } from '../config/index.js';
import { GatewayError } from '../errors/index.js';
import { registerAuth } from './auth.js';
import type { RenderedError } from './front-end.js';
import { openaiChatFrontEnd } from './front-ends/openai-chat-front-end.js';
import { healthRoutes } from './routes/health-routes.js';
import { modelsRoutes } from './routes/models-routes.js';
import { openaiChatRoutes } from './routes/openai-chat-routes.js';

export interface AppOptions {
  readonly logger?: Logger;
  readonly now?: () => number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Ids of the backends that have a connector and can serve requests. */
    activeBackends(): string[];
  }
  interface FastifyContextConfig {
    protocol?: 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';
  }
}

/**
 * Builds the gateway as a fastify app that is not yet listening (tests use it with `inject` or
 * `listen({port: 0})`; only `main.ts` binds the configured port).
 */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const now = options.now ?? Date.now;
  const app = Fastify({
    ...(options.logger === undefined ? { logger: false } : { loggerInstance: options.logger as FastifyBaseLogger }),
    bodyLimit: config.bodyLimitBytes,
    // We log one line per generation ourselves; fastify's two lines per request cost throughput.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  const registry = new BackendRegistry(config, { 'openai-compatible': openaiCompatibleConnector });
  const catalog = new ModelCatalog(registry, {
    ttlMs: config.modelsCacheMs,
    now,
    onWarning: (warning) => app.log.warn(warning, 'model listing failed; backend skipped'),
  });
  app.addHook('onClose', async () => registry.close());
  app.decorate('activeBackends', () => registry.ids());

  const renderError = (_request: FastifyRequest, error: GatewayError): RenderedError => openaiChatFrontEnd.renderError(error);
  registerAuth(app, config, renderError);
  app.setNotFoundHandler(async (request, reply) => {
    const rendered = renderError(request, new GatewayError('GW_ERR_NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`));
    return reply.code(rendered.statusCode).send(rendered.body);
  });

  const dependencies = { registry, now };
  await app.register(healthRoutes, { backends: () => registry.ids() });
  await app.register(modelsRoutes, { catalog, now });
  await app.register(openaiChatRoutes, dependencies);
  return app;
}
