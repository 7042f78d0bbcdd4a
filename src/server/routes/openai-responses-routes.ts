import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BackendConnector, RegisteredBackend } from '../../backends/index.js';
import { openaiResponsesConnector } from '../../backends/openai-responses-connector.js';
import { GatewayError } from '../../errors/index.js';
import { decodeOpenAIResponsesRequest, openAIResponsesEchoFromRequest } from '../../protocols/openai-responses/index.js';
import type { CanonicalMessage } from '../../streams/canonical-request.js';
import type { CanonicalResponse } from '../../streams/canonical-response.js';
import type { ResponseContext } from '../front-end.js';
import { createOpenAIResponsesFrontEnd, openaiResponsesFrontEnd } from '../front-ends/openai-responses-front-end.js';
import type { GatewayCore } from '../gateway-core.js';
import { handleGenerationRequest } from '../generation/handle-generation-request.js';
import type { GenerationOptions } from '../generation/run-generation.js';
import { sessionIdOf } from '../request-identity.js';
import { assistantMessageOf } from '../responses/assistant-message-of.js';
import { ResponseStore } from '../responses/response-store.js';
import { useProtocolErrorHandler } from './use-protocol-error-handler.js';

export interface OpenAIResponsesRouteOptions {
  readonly core: GatewayCore;
  /** Where finished responses are kept for `previous_response_id`; one per app by default. */
  readonly store?: ResponseStore;
  /**
   * Send Responses requests for the `openai` backend to OpenAI's own `/responses` endpoint
   * unchanged in form, instead of translating them to Chat Completions (default true).
   */
  readonly passthrough?: boolean;
}

/**
 * What this route asks of `runGeneration` beyond the common options: the connector to use
 * instead of the backend's own (native Responses passthrough).
 */
type ResponsesGenerationOptions = GenerationOptions & {
  readonly preferredConnector?: (registered: RegisteredBackend) => BackendConnector | undefined;
};

/** OpenAI itself speaks Responses natively; every other OpenAI-compatible backend gets Chat Completions. */
function isNativeResponsesBackend(registered: RegisteredBackend): boolean {
  return registered.config.family === 'openai-compatible' && registered.config.id === 'openai';
}

/**
 * `POST /v1/responses`, streaming and not, over every backend; errors in the OpenAI shape.
 * `previous_response_id` continues a conversation this gateway stored for the same session
 * (an unknown or expired id is a 404); finished responses are stored unless the client sent
 * `store: false`.
 */
export async function openaiResponsesRoutes(app: FastifyInstance, options: OpenAIResponsesRouteOptions): Promise<void> {
  useProtocolErrorHandler(app, openaiResponsesFrontEnd, options.core.observability.captureRedactor);
  const store = options.store ?? new ResponseStore({ now: options.core.now });
  const passthrough = options.passthrough ?? true;
  const generationOptions: ResponsesGenerationOptions = {
    preferredConnector: (registered) => (passthrough && isNativeResponsesBackend(registered) ? openaiResponsesConnector : undefined),
  };
  app.post('/v1/responses', { config: { protocol: 'openai-responses' } }, async (request, reply) => {
    const sessionId = sessionIdOf(request);
    const history = historyFor(request, store, sessionId);
    const { value } = decodeOpenAIResponsesRequest(request.body, history === undefined ? {} : { history });
    const keep = (request.body as { store?: unknown }).store !== false;
    const frontEnd = createOpenAIResponsesFrontEnd({
      echo: openAIResponsesEchoFromRequest(request.body),
      ...(keep ? { onResponse: (response: CanonicalResponse, context: ResponseContext) => save(store, sessionId, response, context) } : {}),
    });
    // In-chat commands apply here as on every route; `generationOptions` travels on to runGeneration.
    await handleGenerationRequest(request, reply, frontEnd, value, options.core, generationOptions);
  });
}

function historyFor(request: FastifyRequest, store: ResponseStore, sessionId: string): readonly CanonicalMessage[] | undefined {
  const body = request.body;
  const previous = typeof body === 'object' && body !== null ? (body as { previous_response_id?: unknown }).previous_response_id : undefined;
  if (typeof previous !== 'string' || previous === '') return undefined;
  const history = store.load(sessionId, previous);
  if (history === undefined) {
    throw new GatewayError('GW_ERR_NOT_FOUND', `Previous response with id '${previous}' not found (unknown, expired, or from another session).`, {
      info: { param: 'previous_response_id' },
    });
  }
  return history;
}

/**
 * Stores the conversation as it went upstream (`context.request`: stored history included,
 * commands stripped, secrets redacted) plus the reply. A failed response is not stored: there
 * is nothing sound to continue from.
 */
function save(store: ResponseStore, sessionId: string, response: CanonicalResponse, context: ResponseContext): void {
  if (response.finishReason.unified === 'error') return;
  const reply = assistantMessageOf(response);
  const messages = context.request.messages;
  store.save(sessionId, context.id, reply === undefined ? messages : [...messages, reply]);
}
