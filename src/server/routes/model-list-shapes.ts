import type { CatalogModel } from '../../backends/index.js';

/** `GET /v1/models` for OpenAI clients. */
export function openaiModelList(models: readonly CatalogModel[], createdSeconds: number): unknown {
  return { object: 'list', data: models.map((model) => ({ id: model.id, object: 'model', created: createdSeconds, owned_by: model.backend })) };
}

/** `GET /v1/models` for Anthropic clients: one page, `has_more: false` stops the SDK's paging. */
export function anthropicModelList(models: readonly CatalogModel[], createdSeconds: number): unknown {
  const createdAt = new Date(createdSeconds * 1000).toISOString();
  return {
    data: models.map((model) => ({ type: 'model', id: model.id, display_name: model.id, created_at: createdAt })),
    has_more: false,
    first_id: models[0]?.id ?? null,
    last_id: models.at(-1)?.id ?? null,
  };
}

/** `GET /v1beta/models` for Gemini clients: no `nextPageToken`, so the SDK stops after one page. */
export function geminiModelList(models: readonly CatalogModel[]): unknown {
  return { models: models.map(geminiModel) };
}

export function geminiModel(model: Pick<CatalogModel, 'id'>): Record<string, unknown> {
  return {
    name: `models/${model.id}`,
    baseModelId: model.id,
    version: '001',
    displayName: model.id,
    description: `${model.id} through LLM Interactive Proxy`,
    supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
  };
}
