import type { FastifyReply, FastifyRequest } from 'fastify';
import { defer, tap, type Observable } from 'rxjs';
import { modelDefaultsFor } from '../../config/resolve-routing.js';
import { GatewayError } from '../../errors/index.js';
import type { BackendConnector, RegisteredBackend } from '../../backends/index.js';
import { enforceStructuredOutput } from '../../operators/enforce-structured-output.js';
import { mergeToolLoopSettings } from '../../operators/tool-loop/index.js';
import { checkInputLimit, countInputTokens } from '../../routing/index.js';
import type { AbortReasonSlot } from '../../streams/abort-reason.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import type { FrontEnd, RenderedError, ResponseContext } from '../front-end.js';
import type { GatewayCore } from '../gateway-core.js';
import { generateId, sessionIdOf } from '../request-identity.js';
import { applySteering, type SteeringReport } from './apply-steering.js';
import { planUpstream, type SessionSelection } from './plan-upstream.js';
import { respondWithBody } from './respond-with-body.js';
import { streamToClient } from './stream-to-client.js';
import { createUsageMeter } from './usage-meter.js';
import { maskErrorSecrets } from '../mask-error-secrets.js';
import { redactPrompt } from './redact-prompt.js';
import { recordSignatures } from '../signatures/record-signatures.js';
import { restoreSignatures } from '../signatures/restore-signatures.js';

export interface GenerationOptions {
  readonly streamFormat?: 'sse' | 'json-array';
  /** Already worked out by the caller (it hashes the client for anonymous sessions). */
  readonly sessionId?: string;
  /** The session's model choice and steering overrides (from in-chat commands). */
  readonly session?: SessionSelection & {
    readonly project?: string;
    readonly redactApiKeysInPrompts?: boolean;
    readonly loopDetection?: boolean;
    readonly toolLoop?: Parameters<typeof mergeToolLoopSettings>[2];
  };
  /** A connector to use instead of the backend's own (native Responses passthrough to OpenAI). */
  readonly preferredConnector?: (registered: RegisteredBackend) => BackendConnector | undefined;
}

/** Client headers passed on to a same-protocol upstream. */
const forwardedHeaderNames = ['anthropic-beta'] as const;

/**
 * The one path every generation request takes, streaming or not: choose the backend and plan
 * the failover attempts, enforce the context window and rate limits, open the upstream chunk
 * stream, steer it (repair, loop cuts), and write it in the client's protocol. Errors thrown
 * before anything is sent (bad model, limits) are rendered by the route's error handler.
 */
export async function runGeneration(
  request: FastifyRequest,
  reply: FastifyReply,
  frontEnd: FrontEnd,
  canonical: CanonicalRequest,
  core: GatewayCore,
  options: GenerationOptions = {},
): Promise<void> {
  const started = core.now();
  const sessionId = options.sessionId ?? sessionIdOf(request);
  const reason: AbortReasonSlot = {};
  canonical = redactPrompt(core, canonical, options.session?.redactApiKeysInPrompts, request);
  const plan = planUpstream(core, canonical.model, options.session ?? {}, {
    reason,
    startedAt: started,
    client: { sessionId, requestId: request.id, clientHost: request.ip, userAgent: request.headers['user-agent'] ?? '' },
    forwardHeaders: (family) => forwardedHeadersOf(request, frontEnd.protocol === family),
    ...(options.preferredConnector === undefined ? {} : { preferredConnector: options.preferredConnector }),
    prepare: (body, family) => restoreSignatures(body, (toolCallId) => core.signatures.get(sessionId, toolCallId), family),
    onAttempt: (attempt, outcome) => {
      if (outcome.type === 'failed') {
        request.log.warn({ backend: attempt.backend, model: attempt.model, key_name: attempt.keyName, code: outcome.error.code, status: outcome.error.statusCode, action: outcome.action }, 'upstream attempt failed');
        if (outcome.keyMarkedBad) request.log.error({ backend: attempt.backend, key_name: attempt.keyName }, 'upstream rejected this key; it is disabled until restart');
      }
    },
  });
  const first = plan.attempts[0];
  if (first === undefined) throw new GatewayError('GW_ERR_NO_CREDENTIALS', 'No upstream attempt could be planned');
  enforceLimits(core, canonical, first.backend, first.model);

  const defaults = modelDefaultsFor(core.config.routing.modelDefaults, first.backend, first.model);
  const report: SteeringReport = { loopCut: false, toolLoopBroken: false, repaired: false, emptyRetried: false };
  const upstream = (body: CanonicalRequest): Observable<CanonicalChunk> => defer(() => plan.open(body));
  let chunks = applySteering(upstream(canonical), {
    steering: core.config.steering,
    loopDetection: {
      ...{},
      ...core.config.steering.loopDetection,
      enabled: options.session?.loopDetection ?? defaults.loopDetectionEnabled ?? core.config.steering.loopDetection.enabled,
    },
    toolLoop: mergeToolLoopSettings(core.config.steering.toolLoop, defaults.toolLoop, options.session?.toolLoop),
    toolLoopTracker: core.toolLoopTrackers.trackerFor(sessionId),
    request: canonical,
    reason,
    generateId,
    retryWithPrompt: (prompt) => upstream({ ...{}, ...canonical, messages: [...canonical.messages, { role: 'user', content: [{ type: 'text', text: prompt }] }] }),
    report,
  }).pipe(recordSignatures(core.signatures, sessionId));
  const format = canonical.responseFormat;
  if (format !== undefined && format.type !== 'text') {
    chunks = chunks.pipe(
      enforceStructuredOutput({
        format,
        // Responses clients get `response.failed` with the reason; every other protocol its in-band/HTTP error.
        invalidAs: frontEnd.protocol === 'openai-responses' ? 'finish' : 'error',
        onRepair: () => {
          report.repaired = true;
        },
        onFailure: (failure) => request.log.warn({ reason: failure.error }, 'structured output invalid'),
      }),
    );
  }
  chunks = chunks.pipe(maskErrorSecrets(core.observability.captureRedactor));
  const meter = createUsageMeter(core.now);
  chunks = chunks.pipe(tap(meter.observe));

  const context: ResponseContext = {
    id: generateId(frontEnd.idPrefix),
    model: canonical.model,
    created: Math.floor(started / 1000),
    request: canonical,
    generateId,
    ...(options.streamFormat === undefined ? {} : { streamFormat: options.streamFormat }),
  };
  reply.hijack();
  const raw = reply.raw;
  const sendJson = (statusCode: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void => {
    if (raw.headersSent || raw.destroyed) return;
    const text = JSON.stringify(body);
    raw.writeHead(statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    raw.end(text);
  };
  const outcome = canonical.stream
    ? await streamToClient(chunks, frontEnd, context, raw, reason, (rendered: RenderedError) => sendJson(rendered.statusCode, rendered.body, rendered.headers))
    : await respondWithBody(chunks, frontEnd, context, raw, reason, sendJson);
  const served = plan.served();
  const finishedAt = core.now();
  core.observability.usage?.record({
    timestamp: started,
    sessionId,
    ...(options.session?.project === undefined ? {} : { project: options.session.project }),
    clientProtocol: frontEnd.protocol,
    backend: served?.backend ?? first.backend,
    model: served?.model ?? first.model,
    ...(served?.keyName === undefined ? {} : { keyName: served.keyName }),
    ...meter.tokens(canonical, served?.model ?? first.model),
    latencyMs: finishedAt - started,
    ...(meter.firstChunkAt() === undefined ? {} : { ttfbMs: (meter.firstChunkAt() ?? started) - started }),
    status: outcome.statusCode,
    stream: canonical.stream,
    loopCut: report.loopCut,
    toolLoopBroken: report.toolLoopBroken,
    repaired: report.repaired,
  });
  request.log.info(
    {
      backend: served?.backend ?? first.backend,
      model: served?.model ?? first.model,
      key_name: served?.keyName,
      session: sessionId,
      route: plan.selection.kind === 'route' ? plan.selection.route.name : undefined,
      status: outcome.statusCode,
      stream: canonical.stream,
      ms: finishedAt - started,
      client_disconnected: outcome.clientDisconnected,
      ...report,
    },
    'generation finished',
  );
}

/** Context window (400 `input_limit_exceeded`) and per-model rate limits (429), before any upstream call. */
function enforceLimits(core: GatewayCore, canonical: CanonicalRequest, backend: string, model: string): void {
  const limits = core.limits(backend, model);
  const measured = checkInputLimit(canonical, backend, model, limits);
  if (limits.requestsPerMinute === undefined && limits.tokensPerMinute === undefined) return;
  const modelKey = `${backend}:${model}`;
  const tokens = measured ?? (limits.tokensPerMinute === undefined ? 0 : countInputTokens(canonical, model));
  const check = core.rateLimiter.check(modelKey, tokens);
  if (!check.ok) {
    throw new GatewayError('GW_ERR_RATE_LIMITED', `Rate limit for ${modelKey} reached; retry in ${check.retryAfterSeconds} s`, {
      info: { retryAfterSeconds: check.retryAfterSeconds },
    });
  }
  core.rateLimiter.record(modelKey, tokens);
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
