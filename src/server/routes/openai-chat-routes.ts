import type { FastifyInstance } from 'fastify';
import { decodeOpenAIChatRequest } from '../../protocols/openai-chat/index.js';
import { openaiChatFrontEnd } from '../front-ends/openai-chat-front-end.js';
import type { GatewayCore } from '../gateway-core.js';
import { handleGenerationRequest } from '../generation/handle-generation-request.js';
import { useProtocolErrorHandler } from './use-protocol-error-handler.js';

/** `POST /v1/chat/completions`, streaming and not; errors in the OpenAI shape. */
export async function openaiChatRoutes(app: FastifyInstance, core: GatewayCore): Promise<void> {
  useProtocolErrorHandler(app, openaiChatFrontEnd, core.observability.captureRedactor);
  app.post('/v1/chat/completions', { config: { protocol: 'openai-chat' } }, async (request, reply) => {
    const { value } = decodeOpenAIChatRequest(request.body);
    await handleGenerationRequest(request, reply, openaiChatFrontEnd, value, core);
  });
}
