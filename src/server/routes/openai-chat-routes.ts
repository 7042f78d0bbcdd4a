import type { FastifyInstance } from 'fastify';
import { decodeOpenAIChatRequest } from '../../protocols/openai-chat/index.js';
import { fastifyErrorToGatewayError } from '../fastify-error-to-gateway-error.js';
import { openaiChatFrontEnd } from '../front-ends/openai-chat-front-end.js';
import { runGeneration, type GenerationDependencies } from '../generation/run-generation.js';

/** `POST /v1/chat/completions`, streaming and not; errors in the OpenAI shape. */
export async function openaiChatRoutes(app: FastifyInstance, dependencies: GenerationDependencies): Promise<void> {
  app.setErrorHandler(async (error, request, reply) => {
    const gatewayError = fastifyErrorToGatewayError(error as Error);
    if (gatewayError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    const rendered = openaiChatFrontEnd.renderError(gatewayError);
    return reply.code(rendered.statusCode).headers(rendered.headers ?? {}).send(rendered.body);
  });
  app.post('/v1/chat/completions', { config: { protocol: 'openai-chat' } }, async (request, reply) => {
    const { value } = decodeOpenAIChatRequest(request.body);
    await runGeneration(request, reply, openaiChatFrontEnd, value, dependencies);
  });
}
