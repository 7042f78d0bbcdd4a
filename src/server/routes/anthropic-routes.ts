import type { FastifyInstance } from 'fastify';
import { decodeAnthropicRequest } from '../../protocols/anthropic/index.js';
import { anthropicFrontEnd } from '../front-ends/anthropic-front-end.js';
import { countRequestTokens } from '../generation/count-request-tokens.js';
import type { GatewayCore } from '../gateway-core.js';
import { handleGenerationRequest } from '../generation/handle-generation-request.js';
import { anthropicModelList } from './model-list-shapes.js';
import { useProtocolErrorHandler } from './use-protocol-error-handler.js';

export interface AnthropicRouteOptions {
  readonly core: GatewayCore;
  /** `/anthropic` on the main port, `` on the dedicated Anthropic port. */
  readonly pathPrefix: string;
  /** The dedicated port also answers `GET /v1/models` (the main port negotiates it instead). */
  readonly listModels?: boolean;
}

/**
 * Anthropic Messages: `POST …/v1/messages` (Claude Code adds `?beta=true`), and
 * `POST …/v1/messages/count_tokens`; errors in the Anthropic shape.
 */
export async function anthropicRoutes(app: FastifyInstance, options: AnthropicRouteOptions): Promise<void> {
  useProtocolErrorHandler(app, anthropicFrontEnd, options.core.observability.captureRedactor);
  const config = { protocol: 'anthropic' as const };
  app.post(`${options.pathPrefix}/v1/messages`, { config }, async (request, reply) => {
    const { value } = decodeAnthropicRequest(request.body);
    await handleGenerationRequest(request, reply, anthropicFrontEnd, value, options.core);
  });
  app.post(`${options.pathPrefix}/v1/messages/count_tokens`, { config }, async (request) => {
    // count_tokens bodies carry no max_tokens; the Messages codec requires one.
    const body = typeof request.body === 'object' && request.body !== null ? { max_tokens: 1, ...request.body } : request.body;
    const { value } = decodeAnthropicRequest(body);
    const beta = request.headers['anthropic-beta'];
    return { input_tokens: await countRequestTokens(options.core, value, 'anthropic', typeof beta === 'string' ? { 'anthropic-beta': beta } : {}) };
  });
  const { core } = options;
  if (options.listModels === true) {
    app.get(`${options.pathPrefix}/v1/models`, { config }, async () => anthropicModelList(await core.catalog.list(), Math.floor(core.now() / 1000)));
  }
}
