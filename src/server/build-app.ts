import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Config } from '../config/index.js';
import { GatewayError } from '../errors/index.js';
import { registerAuth } from './auth.js';
import { clientProtocolOf } from './client-protocol-of.js';
import type { ClientProtocol, FrontEnd, RenderedError } from './front-end.js';
import { anthropicFrontEnd } from './front-ends/anthropic-front-end.js';
import { geminiFrontEnd } from './front-ends/gemini-front-end.js';
import { openaiChatFrontEnd } from './front-ends/openai-chat-front-end.js';
import { createGatewayCore, type CoreOptions, type GatewayCore } from './gateway-core.js';
import { restorePersistedState } from './restore-persisted-state.js';
import { anthropicRoutes } from './routes/anthropic-routes.js';
import { geminiRoutes } from './routes/gemini-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { modelsRoutes } from './routes/models-routes.js';
import { observabilityRoutes } from './routes/observability-routes.js';
import { openaiChatRoutes } from './routes/openai-chat-routes.js';
import { openaiResponsesFrontEnd } from './front-ends/openai-responses-front-end.js';
import { openaiResponsesRoutes } from './routes/openai-responses-routes.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    protocol?: 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';
  }
}

const frontEnds: Readonly<Record<ClientProtocol, FrontEnd>> = {
  'openai-chat': openaiChatFrontEnd,
  'openai-responses': openaiResponsesFrontEnd,
  anthropic: anthropicFrontEnd,
  gemini: geminiFrontEnd,
};

function renderFor(request: FastifyRequest, error: GatewayError): RenderedError {
  return frontEnds[clientProtocolOf(request)].renderError(error);
}

function createFastify(core: GatewayCore): FastifyInstance {
  const app = Fastify({
    ...{},
    ...(core.logger === undefined ? { logger: false } : { loggerInstance: core.logger as FastifyBaseLogger }),
    bodyLimit: core.config.bodyLimitBytes,
    // We log one line per generation ourselves; fastify's two lines per request cost throughput.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  registerAuth(app, core.config, { renderError: renderFor, trustedIps: core.observability.trustedIps, now: core.now, ...(core.observability.audit === undefined ? {} : { audit: core.observability.audit }) });
  app.setNotFoundHandler(async (request, reply) => {
    const rendered = renderFor(request, new GatewayError('GW_ERR_NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`));
    return reply.code(rendered.statusCode).send(rendered.body);
  });
  return app;
}

/**
 * Builds the gateway's main app (every front-end on one port), not yet listening: tests use it
 * with `listen({port: 0})`; only `main.ts` binds the configured port. Pass `core` to share
 * backends with the dedicated Anthropic app; otherwise the app owns (and closes) its own.
 */
export async function buildApp(config: Config, options: CoreOptions & { readonly core?: GatewayCore } = {}): Promise<FastifyInstance> {
  const core = options.core ?? createGatewayCore(config, options);
  const app = createFastify(core);
  if (options.core === undefined) app.addHook('onClose', async () => core.close());
  await restorePersistedState(core);
  await app.register(healthRoutes, { backends: () => core.registry.ids() });
  await app.register(modelsRoutes, { catalog: core.catalog, now: core.now });
  await app.register(openaiChatRoutes, core);
  await app.register(openaiResponsesRoutes, { core });
  await app.register(anthropicRoutes, { core, pathPrefix: '/anthropic' });
  await app.register(anthropicRoutes, { core, pathPrefix: '' });
  await app.register(geminiRoutes, core);
  await app.register(observabilityRoutes, core);
  return app;
}

/**
 * The dedicated Anthropic port (`--anthropic-port`, default main port + 1): the Anthropic routes
 * without the `/anthropic` prefix (`/v1/messages`, `/v1/messages/count_tokens`, `/v1/models`),
 * behind the same authentication, sharing the main app's backends.
 */
export async function buildAnthropicApp(core: GatewayCore): Promise<FastifyInstance> {
  const app = createFastify(core);
  await app.register(healthRoutes, { backends: () => core.registry.ids() });
  await app.register(anthropicRoutes, { core, pathPrefix: '', listModels: true });
  return app;
}
