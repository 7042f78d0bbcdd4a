import { GatewayError } from '../errors/index.js';

export interface ModelSelection {
  readonly backend: string;
  readonly model: string;
}

/**
 * Splits a client's model string into backend and model. `backend:model` selects a backend
 * explicitly; the colon counts only when it comes before the first `/`, so
 * `openrouter:anthropic/claude-3-haiku:beta` is backend `openrouter` and `qwen/qwen3-coder:free`
 * is a bare model. A prefix that names no configured backend is a 400 listing the known ones
 * (a model name of its own that holds a colon, such as `llama3:8b`, needs its backend written
 * out: `mylocal:llama3:8b`).
 */
export function resolveModelSelector(
  requested: string,
  configuredBackends: readonly string[],
  defaultBackend: string | undefined,
): ModelSelection {
  const colon = requested.indexOf(':');
  const slash = requested.indexOf('/');
  if (colon > 0 && (slash === -1 || colon < slash)) {
    const prefix = requested.slice(0, colon);
    const model = requested.slice(colon + 1);
    if (configuredBackends.includes(prefix)) {
      if (model.length === 0) {
        throw new GatewayError('GW_ERR_INVALID_REQUEST', `Model selector '${requested}' names no model after the backend`, { info: { param: 'model' } });
      }
      return { backend: prefix, model };
    }
    throw new GatewayError(
      'GW_ERR_UNKNOWN_BACKEND',
      `Unknown backend '${prefix}' in model '${requested}'. Known backends: ${configuredBackends.join(', ') || '(none configured)'}`,
      { info: { param: 'model', details: { backend: prefix, known_backends: [...configuredBackends] } } },
    );
  }
  if (defaultBackend === undefined) {
    throw new GatewayError(
      'GW_ERR_NO_CREDENTIALS',
      'No backend is configured: set a provider key such as OPENAI_API_KEY, or declare a backend in the config file',
    );
  }
  return { backend: defaultBackend, model: requested };
}
