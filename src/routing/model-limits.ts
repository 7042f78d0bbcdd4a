import { GatewayError } from '../errors/index.js';
import type { CanonicalRequest } from '../streams/canonical-request.js';
import { countInputTokens } from './count-input-tokens.js';

/** One `limits` block of `model_defaults` or a backend YAML's `models.<m>.limits`, as written. */
export interface ModelLimitsEntry {
  readonly context_window?: number;
  readonly max_input_tokens?: number;
  readonly max_output_tokens?: number;
  readonly requests_per_minute?: number;
  readonly tokens_per_minute?: number;
}

/** Every known limits block, keyed by `backend:model` or plain `model`. */
export interface LimitsConfig {
  readonly byKey: Readonly<Record<string, ModelLimitsEntry>>;
}

export interface ModelLimits {
  readonly contextWindow?: number;
  readonly maxInputTokens?: number;
  readonly maxOutputTokens?: number;
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
  /** The effective input limit: `max_input_tokens`, else `context_window`. */
  readonly inputLimit?: number;
}

/**
 * Resolves a model's limits. Field by field, `backend:model` wins over the base backend of an
 * instance (`openai.1:gpt-4o` also looks at `openai:gpt-4o`), which wins over plain `model`.
 * `forceContextWindow` (`--force-context-window`) overrides the window of every model.
 *
 * @example
 * resolveModelLimits({ byKey: { 'gpt-4o': { context_window: 128000 } } }, 'openai', 'gpt-4o') // → { contextWindow: 128000, inputLimit: 128000 }
 */
export function resolveModelLimits(
  limitsConfig: LimitsConfig,
  backend: string,
  model: string,
  forceContextWindow?: number,
): ModelLimits {
  const baseBackend = backend.replace(/\.[^.]+$/, '');
  const keys = [`${backend}:${model}`, ...(baseBackend === backend ? [] : [`${baseBackend}:${model}`]), model];
  const entries = keys.map((key) => limitsConfig.byKey[key]).filter((entry): entry is ModelLimitsEntry => entry !== undefined);
  const pick = (field: keyof ModelLimitsEntry): number | undefined => entries.find((entry) => entry[field] !== undefined)?.[field];
  const contextWindow = forceContextWindow ?? pick('context_window');
  const maxInputTokens = pick('max_input_tokens');
  return {
    contextWindow,
    maxInputTokens,
    maxOutputTokens: pick('max_output_tokens'),
    requestsPerMinute: pick('requests_per_minute'),
    tokensPerMinute: pick('tokens_per_minute'),
    inputLimit: maxInputTokens ?? contextWindow,
  };
}

/**
 * Rejects a request whose input is over the model's effective input limit, before any upstream
 * call: `GW_ERR_INPUT_LIMIT_EXCEEDED` (400) with details `{model, limit, measured}` (the legacy
 * `input_limit_exceeded` body; protocol renderers may show it as `context_length_exceeded`).
 *
 * @returns the measured input tokens (reuse them for `tokens_per_minute`), or undefined when the
 *   model has no input limit and nothing was counted
 * @example
 * checkInputLimit(request, 'openai', 'gpt-4o', { inputLimit: 10 }) // throws when the prompt is over 10 tokens
 */
export function checkInputLimit(
  request: CanonicalRequest,
  backend: string,
  model: string,
  limits: ModelLimits,
  measure: (request: CanonicalRequest, model: string) => number = countInputTokens,
): number | undefined {
  const limit = limits.inputLimit;
  if (limit === undefined) return undefined;
  const measured = measure(request, model);
  if (measured > limit) {
    throw new GatewayError('GW_ERR_INPUT_LIMIT_EXCEEDED', `Input token limit exceeded: ${measured} tokens measured, the limit for ${model} is ${limit}`, {
      info: { backend, details: { model, limit, measured } },
    });
  }
  return measured;
}
