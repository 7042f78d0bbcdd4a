import type { FastifyInstance } from 'fastify';
import type { ModelCatalog } from '../../backends/index.js';

/**
 * `GET /v1/models` and `GET /models`: the union of every configured backend's models as
 * `backend:model` ids, in the OpenAI list shape. (Anthropic and Gemini callers of `/v1/models`
 * get their own shapes once those front-ends are registered.)
 */
export async function modelsRoutes(app: FastifyInstance, options: { readonly catalog: ModelCatalog; readonly now: () => number }): Promise<void> {
  const handler = async (): Promise<unknown> => {
    const created = Math.floor(options.now() / 1000);
    const models = await options.catalog.list();
    return {
      object: 'list',
      data: models.map((model) => ({ id: model.id, object: 'model', created, owned_by: model.backend })),
    };
  };
  app.get('/v1/models', handler);
  app.get('/models', handler);
}
