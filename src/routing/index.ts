export { selectModel, type Selection, type SelectionSource, type SelectModelInput } from './select-model.js';
export { parseSelector, type ParsedSelector } from './parse-selector.js';
export { failoverPolicies, isFailoverPolicy, type FailoverPolicy, type FailoverRoute } from './failover-route.js';
export { planAttempts, type Attempt, type KeysOf, type PlanAttemptsOptions } from './plan-attempts.js';
export { KeyHealth, type KeyHealthOptions } from './key-health.js';
export { healthyKeysOf } from './healthy-keys-of.js';
export { explainEmptyPlan } from './explain-empty-plan.js';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
export { classifyFailure, type FailureAction } from './classify-failure.js';
export { runAttempts, type AttemptOutcome, type RunAttemptsOptions } from './run-attempts.js';
export {
  countInputTokens,
  countInputTexts,
  inputTextsOf,
  countTextTokens,
  encodingForModel,
  tokensPerAttachment,
  tokensPerMessage,
  tokensPerReply,
  tokensPerTool,
} from './count-input-tokens.js';
export {
  checkInputLimit,
  resolveModelLimits,
  type LimitsConfig,
  type ModelLimits,
  type ModelLimitsEntry,
} from './model-limits.js';
export { RateLimiter, type RateCheck, type RateLimiterOptions, type RateLimits } from './rate-limiter.js';
