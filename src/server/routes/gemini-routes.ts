import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../../errors/index.js';
import { decodeGeminiRequest, parseGeminiModelPath } from '../../protocols/gemini/index.js';
import { geminiFrontEnd } from '../front-ends/gemini-front-end.js';
import { countRequestTokens } from '../generation/count-request-tokens.js';
import type { GatewayCore } from '../gateway-core.js';
import { handleGenerationRequest } from '../generation/handle-generation-request.js';
import { generateId } from '../request-identity.js';
import { geminiModel } from './model-list-shapes.js';
import { useProtocolErrorHandler } from './use-protocol-error-handler.js';

/**
 * Gemini under `/v1beta/models/…` and `/v1/models/…` (@google/genai 3 defaults to `v1`):
 * `:generateContent`, `:streamGenerateContent` (SSE with `alt=sse`, else one JSON array),
 * `:countTokens`, and `GET …/models/{model}`. The model may hold colons
 * (`anthropic:claude-x:generateContent`): the method is what follows the last one.
 */
export async function geminiRoutes(app: FastifyInstance, core: GatewayCore): Promise<void> {
  useProtocolErrorHandler(app, geminiFrontEnd, core.observability.captureRedactor);
  const config = { protocol: 'gemini' as const };
  const generate = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const path = parseGeminiModelPath(request.url);
    if (path?.method === undefined) {
      throw new GatewayError('GW_ERR_NOT_FOUND', `Unknown Gemini method in ${request.url.split('?')[0]}`);
    }
    const query = request.query as Record<string, unknown>;
    const alt = query.alt === 'sse';
    switch (path.method) {
      case 'generateContent':
      case 'streamGenerateContent': {
        const stream = path.method === 'streamGenerateContent' || alt;
        const { value } = decodeGeminiRequest(request.body, { model: path.model, generateId, stream });
        await handleGenerationRequest(request, reply, geminiFrontEnd, value, core, { streamFormat: alt || path.method === 'generateContent' ? 'sse' : 'json-array' });
        return reply;
      }
      case 'countTokens': {
        const body = (request.body ?? {}) as Record<string, unknown>;
        // countTokens takes either `contents` or a whole `generateContentRequest`.
        const inner = typeof body.generateContentRequest === 'object' && body.generateContentRequest !== null ? body.generateContentRequest : body;
        const { value } = decodeGeminiRequest(inner, { model: path.model, generateId, stream: false });
        return { totalTokens: await countRequestTokens(core, value, 'gemini') };
      }
      default:
        throw new GatewayError('GW_ERR_NOT_FOUND', `The gateway does not serve the Gemini method '${path.method}'`);
    }
  };
  const describe = async (request: FastifyRequest): Promise<unknown> => {
    const path = parseGeminiModelPath(request.url);
    const models = await core.catalog.list();
    const found = models.find((model) => model.id === path?.model || model.model === path?.model);
    if (found === undefined) throw new GatewayError('GW_ERR_NOT_FOUND', `Model '${path?.model ?? ''}' is not served here`);
    return geminiModel(found);
  };
  for (const version of ['/v1beta', '/v1']) {
    app.post(`${version}/models/*`, { config }, generate);
    app.get(`${version}/models/*`, { config }, describe);
  }
}
