import { GatewayError } from '../errors/index.js';
import type { FailoverRoute } from './failover-route.js';
import { parseSelector } from './parse-selector.js';

/** Which precedence tier decided the selection. */
export type SelectionSource = 'one-off' | 'session' | 'force-model' | 'route' | 'explicit' | 'default';

export type Selection =
  | { readonly kind: 'route'; readonly route: FailoverRoute; readonly source: SelectionSource }
  | {
      readonly kind: 'direct';
      readonly backend: string;
      readonly model: string;
      /** `?k=v` parameters of the winning selector (empty when there were none). */
      readonly parameters: Readonly<Record<string, string>>;
      readonly source: SelectionSource;
    };

export interface SelectModelInput {
  /** The model string of the client's request. */
  readonly requestedModel: string;
  /** A selector set for the next request only (`!/oneoff(…)`). */
  readonly oneOff?: string;
  /** The session's model (`!/set(model=…)`, `!/model(…)`); may name a route. */
  readonly sessionModel?: string;
  /** The session's backend (`!/set(backend=…)`, `!/backend(…)`). */
  readonly sessionBackend?: string;
  /** `--force-model`. */
  readonly forceModel?: string;
  readonly routes: ReadonlyMap<string, FailoverRoute>;
  readonly configuredBackends: readonly string[];
  readonly defaultBackend?: string;
}

/**
 * Decides which backend and model (or which failover route) serves a request. One documented
 * precedence, highest first; the first tier that is set wins and names the `source`:
 *
 * | # | Tier | Source | Set by | Notes |
 * |---|------|--------|--------|-------|
 * | 1 | one-off | `one-off` | `!/oneoff(…)` | next request only |
 * | 2 | session model / backend | `session` | `!/set(model=…)`, `!/set(backend=…)` | a session model naming a route selects the route; a bare session model uses the session backend when set; a session backend alone re-targets the model of the next tier (force-model, else the request) |
 * | 3 | force model | `force-model` | `--force-model` | may name a route or `backend:model` |
 * | 4 | route name | `route` | the request's model names a failover route | |
 * | 5 | explicit backend | `explicit` | the request's model is `backend:model` | `:` counts only before the first `/` |
 * | 6 | default backend | `default` | a model-only request | `--default-backend` |
 *
 * Tiers 1–3 hold selectors themselves: each may name a route, an explicit `backend:model`, or a
 * bare model (then served by the default backend). An explicit backend that is not configured is
 * a 400 `GW_ERR_UNKNOWN_BACKEND` listing the known ones; when no backend is configured at all,
 * or a bare model has no default backend, it is `GW_ERR_NO_CREDENTIALS`.
 *
 * @example
 * selectModel({ requestedModel: 'gpt-4o', sessionModel: 'main_fallback', routes, configuredBackends: ['openai'] })
 * // → { kind: 'route', route: routes.get('main_fallback'), source: 'session' }
 */
export function selectModel(input: SelectModelInput): Selection {
  if (input.configuredBackends.length === 0) {
    throw new GatewayError(
      'GW_ERR_NO_CREDENTIALS',
      'No backend is configured: set a provider key such as OPENAI_API_KEY, or declare a backend in the config file',
    );
  }
  if (isSet(input.oneOff)) return resolveSelector(input.oneOff, 'one-off', input);
  if (isSet(input.sessionModel) || isSet(input.sessionBackend)) return resolveSession(input);
  if (isSet(input.forceModel)) return resolveSelector(input.forceModel, 'force-model', input);
  return resolveSelector(input.requestedModel, undefined, input);
}

function resolveSession(input: SelectModelInput): Selection {
  const backend = isSet(input.sessionBackend) ? input.sessionBackend : undefined;
  if (isSet(input.sessionModel)) {
    const parsed = parseSelector(input.sessionModel);
    if (backend === undefined || parsed.backend !== undefined || input.routes.has(input.sessionModel)) {
      return resolveSelector(input.sessionModel, 'session', input);
    }
    return direct(requireKnown(backend, input), parsed.model, parsed.parameters, 'session', input.sessionModel);
  }
  // A session backend alone: keep the model the next tier would have used, on this backend.
  const next = isSet(input.forceModel) ? input.forceModel : input.requestedModel;
  const parsed = parseSelector(next);
  return direct(requireKnown(backend ?? '', input), parsed.model, parsed.parameters, 'session', next);
}

/** Resolves one selector string; `tier` undefined means the request's own model (tiers 4–6). */
function resolveSelector(selector: string, tier: SelectionSource | undefined, input: SelectModelInput): Selection {
  const route = input.routes.get(selector);
  if (route !== undefined) return { kind: 'route', route, source: tier ?? 'route' };
  const parsed = parseSelector(selector);
  if (parsed.backend !== undefined) {
    return direct(requireKnown(parsed.backend, input, selector), parsed.model, parsed.parameters, tier ?? 'explicit', selector);
  }
  if (!isSet(input.defaultBackend)) {
    throw new GatewayError(
      'GW_ERR_NO_CREDENTIALS',
      `No default backend for model '${selector}': write it as backend:model (known backends: ${input.configuredBackends.join(', ')})`,
    );
  }
  return direct(requireKnown(input.defaultBackend, input), parsed.model, parsed.parameters, tier ?? 'default', selector);
}

function direct(
  backend: string,
  model: string,
  parameters: Readonly<Record<string, string>>,
  source: SelectionSource,
  selector: string,
): Selection {
  if (model.length === 0) {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', `Model selector '${selector}' names no model`, {
      info: { param: 'model' },
    });
  }
  return { kind: 'direct', backend, model, parameters, source };
}

function requireKnown(backend: string, input: SelectModelInput, selector?: string): string {
  if (input.configuredBackends.includes(backend)) return backend;
  const where = selector === undefined ? '' : ` in model '${selector}'`;
  throw new GatewayError(
    'GW_ERR_UNKNOWN_BACKEND',
    `Unknown backend '${backend}'${where}. Known backends: ${input.configuredBackends.join(', ')}`,
    { info: { param: 'model', details: { backend, known_backends: [...input.configuredBackends] } } },
  );
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.length > 0;
}
