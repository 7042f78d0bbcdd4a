import type { FastifyReply, FastifyRequest } from 'fastify';
import { defer } from 'rxjs';
import type { BackendRegistry } from '../../backends/index.js';
import type { AbortReasonSlot } from '../../streams/abort-reason.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import type { FrontEnd, RenderedError, ResponseContext } from '../front-end.js';
import { generateId, sessionIdOf } from '../request-identity.js';
import { respondWithBody } from './respond-with-body.js';
import { streamToClient } from './stream-to-client.js';

export interface GenerationDependencies {
  readonly registry: BackendRegistry;
  readonly now: () => number;
}

export interface GenerationOptions {
  readonly streamFormat?: 'sse' | 'json-array';
}

/** Client headers passed on to a same-protocol upstream. */
const forwardedHeaderNames = ['anthropic-beta'] as const;

/**
 * The one path every generation request takes, streaming or not: resolve the backend, open the
 * upstream chunk stream, and write it in the client's protocol. Errors thrown before anything
 * is sent (bad model, unknown backend) are rendered by the route's error handler.
 */
export async function runGeneration(
  request: FastifyRequest,
  reply: FastifyReply,
  frontEnd: FrontEnd,
  canonical: CanonicalRequest,
  dependencies: GenerationDependencies,
  options: GenerationOptions = {},
): Promise<void> {
  const started = dependencies.now();
  const { registered, target } = dependencies.registry.resolve(canonical.model);
  const reason: AbortReasonSlot = {};
  const forwardHeaders = forwardedHeadersOf(request, frontEnd.protocol === registered.config.family);
  const chunks = defer(() => registered.connector.stream(canonical, target, { dispatcher: registered.agent, reason, forwardHeaders }));
  const context: ResponseContext = {
    id: generateId(frontEnd.idPrefix),
    model: canonical.model,
    created: Math.floor(started / 1000),
    request: canonical,
    generateId,
    ...(options.streamFormat === undefined ? {} : { streamFormat: options.streamFormat }),
  };
  const log = request.log.child({ backend: target.backend.id, model: target.model, key_name: target.key?.name, session: sessionIdOf(request) });
  reply.hijack();
  const raw = reply.raw;
  const sendJson = (statusCode: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void => {
    if (raw.headersSent || raw.destroyed) return;
    const text = JSON.stringify(body);
    raw.writeHead(statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    raw.end(text);
  };
  const outcome = canonical.stream
    ? await streamToClient(chunks, frontEnd, context, raw, reason, (rendered: RenderedError) =>
        sendJson(rendered.statusCode, rendered.body, rendered.headers),
      )
    : await respondWithBody(chunks, frontEnd, context, raw, reason, sendJson);
  log.info(
    { status: outcome.statusCode, stream: canonical.stream, ms: dependencies.now() - started, client_disconnected: outcome.clientDisconnected },
    'generation finished',
  );
}

function forwardedHeadersOf(request: FastifyRequest, sameProtocol: boolean): Record<string, string> {
  const forwarded: Record<string, string> = {};
  if (!sameProtocol) return forwarded;
  for (const name of forwardedHeaderNames) {
    const value = request.headers[name];
    if (typeof value === 'string') forwarded[name] = value;
  }
  return forwarded;
}
