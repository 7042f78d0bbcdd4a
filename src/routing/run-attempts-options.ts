import type { GatewayError } from '../errors/index.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { FailureAction } from './classify-failure.js';
import type { KeyHealth } from './key-health.js';
import type { Attempt } from './plan-attempts.js';

/** What became of one planned attempt, for logging and metrics. */
export type AttemptOutcome =
  | { readonly type: 'succeeded' }
  | {
      readonly type: 'failed';
      readonly error: GatewayError;
      readonly action: FailureAction;
      /** True the first time this key is marked bad (401/403): log it then, and only then. */
      readonly keyMarkedBad: boolean;
    }
  | { readonly type: 'skipped'; readonly reason: 'key-bad' | 'backend-failed' | 'deadline' };

export interface RunAttemptsOptions {
  readonly keyHealth: Pick<KeyHealth, 'reportSuccess' | 'reportRateLimited' | 'reportAuthFailure' | 'isBad'>;
  readonly breaker: Pick<CircuitBreaker, 'reportSuccess' | 'reportFailure'>;
  /** Total budget in ms from subscription: no attempt starts after it. */
  readonly deadlineMs: number;
  readonly now: () => number;
  readonly onAttempt?: (attempt: Attempt, outcome: AttemptOutcome) => void;
}
