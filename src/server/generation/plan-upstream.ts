import type { Observable } from 'rxjs';
import type { BackendConnector, BackendTarget, RegisteredBackend } from '../../backends/index.js';
import type { BackendFamily } from '../../config/index.js';
import { GatewayError } from '../../errors/index.js';
import {
  explainEmptyPlan,
  healthyKeysOf,
  planAttempts,
  runAttempts,
  selectModel,
  type Attempt,
  type AttemptOutcome,
  type Selection,
} from '../../routing/index.js';
import type { AbortReasonSlot } from '../../streams/abort-reason.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import type { GatewayCore } from '../gateway-core.js';
import { applySelectorParameters } from './apply-selector-parameters.js';
import { captureFor, type ClientIdentity } from './capture-attempt.js';

/** The session's say in model selection (from in-chat commands). */
export interface SessionSelection {
  readonly oneOff?: string;
  readonly model?: string;
  readonly backend?: string;
  /** `!/set(openai_url=…)`: this session's requests to the `openai` backend go to this base URL. */
  readonly openaiUrl?: string;
}

export interface UpstreamPlan {
  readonly selection: Selection;
  readonly attempts: readonly Attempt[];
  /** Opens the upstream for `request`, failing over across the planned attempts. */
  open(request: CanonicalRequest): Observable<CanonicalChunk>;
  /** The attempt that produced output, once one has (for logs and usage). */
  readonly served: () => Attempt | undefined;
}

/**
 * Chooses where a request goes (one documented precedence, see `selectModel`), expands it into
 * the attempt list of its failover policy with healthy keys first, and returns a factory that
 * runs those attempts with failover before the first byte. An empty plan (every key cooling)
 * is a 429 with `Retry-After`.
 */
export function planUpstream(
  core: GatewayCore,
  requestedModel: string,
  session: SessionSelection,
  call: {
    readonly reason: AbortReasonSlot;
    readonly forwardHeaders: (family: string) => Readonly<Record<string, string>>;
    readonly startedAt: number;
    readonly onAttempt?: (attempt: Attempt, outcome: AttemptOutcome) => void;
    /** Who is asking, for wire-capture entries. */
    readonly client?: ClientIdentity;
    /** A connector to use instead of the backend's own (native Responses passthrough to OpenAI). */
    readonly preferredConnector?: (registered: RegisteredBackend) => BackendConnector | undefined;
    /** Last changes to the request for the attempt's backend family (signatures go back only to their issuer). */
    readonly prepare?: (request: CanonicalRequest, family: BackendFamily) => CanonicalRequest;
  },
): UpstreamPlan {
  const { config, registry } = core;
  const selection = selectModel({
    requestedModel,
    ...(session.oneOff === undefined ? {} : { oneOff: session.oneOff }),
    ...(session.model === undefined ? {} : { sessionModel: session.model }),
    ...(session.backend === undefined ? {} : { sessionBackend: session.backend }),
    ...(config.forceModel === undefined ? {} : { forceModel: config.forceModel }),
    routes: core.routes(),
    configuredBackends: registry.ids(),
    ...optionalDefault(core.defaultBackend.get()),
  });
  const keyNamesOf = (backend: string): readonly string[] | undefined => registry.get(backend)?.config.keys.map((key) => key.name);
  const attempts = planAttempts(selection, healthyKeysOf(core.keyHealth, keyNamesOf), {
    maxAttempts: config.routing.failureHandling.maxAttempts,
    canTry: (backend) => core.breaker.canTry(backend),
  });
  if (attempts.length === 0) {
    const backends = selection.kind === 'route' ? selection.route.elements.map((element) => element.split(':')[0] ?? '') : [selection.backend];
    throw explainEmptyPlan(backends, core.keyHealth, core.now());
  }
  let served: Attempt | undefined;
  const open = (request: CanonicalRequest): Observable<CanonicalChunk> =>
    runAttempts(
      attempts,
      (attempt) => {
        const registered = registry.get(attempt.backend);
        if (registered === undefined) throw new GatewayError('GW_ERR_UNKNOWN_BACKEND', `Unknown backend '${attempt.backend}'`);
        const key = registered.config.keys.find((candidate) => candidate.name === attempt.keyName);
        const target = sessionTarget(registered.config, attempt.model, key, session.openaiUrl);
        const capture = captureFor(core, attempt, call.client);
        const connector = call.preferredConnector?.(registered) ?? registered.connector;
        const prepared = call.prepare?.(request, registered.config.family) ?? request;
        const chunks = connector.stream(applySelectorParameters(prepared, attempt.parameters), target, {
          dispatcher: registered.agent,
          reason: call.reason,
          forwardHeaders: call.forwardHeaders(registered.config.family),
          ...(capture === undefined ? {} : { emitRawFrames: true, observeRequest: capture.observeRequest }),
        });
        return capture === undefined ? chunks : chunks.pipe(capture.operator);
      },
      {
        keyHealth: core.keyHealth,
        breaker: core.breaker,
        deadlineMs: call.startedAt + config.routing.failureHandling.totalBudgetMs,
        now: core.now,
        onAttempt: (attempt, outcome) => {
          if (outcome.type === 'succeeded') served = attempt;
          call.onAttempt?.(attempt, outcome);
        },
      },
    );
  return { selection, attempts, open, served: () => served };
}

function optionalDefault(backend: string | undefined): { defaultBackend?: string } {
  return backend === undefined ? {} : { defaultBackend: backend };
}

/**
 * The attempt's target, with a session's `!/set(openai_url=…)` applied to the `openai` backend.
 * The configured key is not sent to a different host, since every authorised client can set the URL
 * and the upstream key must not leak to a server of its choosing.
 */
function sessionTarget(config: BackendTarget['backend'], model: string, key: BackendTarget['key'], openaiUrl: string | undefined): BackendTarget {
  if (config.id !== 'openai' || openaiUrl === undefined) return { backend: config, model, key };
  const baseUrl = openaiUrl.replace(/\/+$/, '');
  const sameHost = new URL(baseUrl).host === new URL(config.baseUrl).host;
  return { backend: { ...{}, ...config, baseUrl }, model, key: sameHost ? key : undefined };
}
