export type { BackendConnector, BackendTarget, CallOptions } from './backend-connector.js';
export { BackendRegistry, type RegisteredBackend } from './backend-registry.js';
export { ModelCatalog, type CatalogModel, type CatalogWarning } from './model-catalog.js';
export { openaiCompatibleConnector } from './openai-compatible-connector.js';
export { requestUpstream, retryAfterSeconds, type UpstreamResponse } from './request-upstream.js';
export { anthropicConnector } from './anthropic-connector.js';
export { geminiConnector } from './gemini-connector.js';
