import type { FastifyInstance } from 'fastify';
import type { ModelCatalog } from '../../backends/index.js';
import { protocolFromHeaders } from '../client-protocol-of.js';
import { anthropicModelList, geminiModelList, openaiModelList } from './model-list-shapes.js';

/**
 * The aggregated model list (every configured backend's models as `backend:model`), in the
 * shape each caller expects: `/models` and `/v1/models` for OpenAI (the latter negotiated by
 * headers, since all three SDKs call it), `/anthropic/v1/models` for Anthropic, and
 * `/v1beta/models` for Gemini.
 */
export async function modelsRoutes(app: FastifyInstance, options: { readonly catalog: ModelCatalog; readonly now: () => number }): Promise<void> {
  const created = (): number => Math.floor(options.now() / 1000);
  app.get('/v1/models', async (request) => {
    const models = await options.catalog.list();
    switch (protocolFromHeaders(request)) {
      case 'anthropic':
        return anthropicModelList(models, created());
      case 'gemini':
        return geminiModelList(models);
      default:
        return openaiModelList(models, created());
    }
  });
  app.get('/models', async () => openaiModelList(await options.catalog.list(), created()));
  app.get('/anthropic/v1/models', { config: { protocol: 'anthropic' } }, async () => anthropicModelList(await options.catalog.list(), created()));
  app.get('/v1beta/models', { config: { protocol: 'gemini' } }, async () => geminiModelList(await options.catalog.list()));
}
