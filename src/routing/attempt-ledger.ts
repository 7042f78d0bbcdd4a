import { GatewayError, toGatewayError } from '../errors/index.js';
import { classifyFailure } from './classify-failure.js';
import type { Attempt } from './plan-attempts.js';
import type { AttemptOutcome, RunAttemptsOptions } from './run-attempts-options.js';

/**
 * The bookkeeping of one `runAttempts` run: which attempt comes next (skipping bad keys, failed
 * backend+model pairs and anything past the deadline), what a failure means for key health and
 * the circuit breaker, and which error to end with. Kept apart so the driver is only the
 * subscription loop.
 */
export class AttemptLedger {
  private readonly startedAt: number;
  private readonly failedTargets = new Set<string>();
  private lastHttp: GatewayError | undefined;
  private lastOther: GatewayError | undefined;
  private deadlinePassed = false;
  private index = 0;

  constructor(
    private readonly attempts: readonly Attempt[],
    private readonly options: RunAttemptsOptions,
  ) {
    this.startedAt = options.now();
  }

  /** The next attempt to start, or undefined when the plan (or the time) is used up. */
  next(): Attempt | undefined {
    while (this.index < this.attempts.length) {
      const attempt = this.attempts[this.index];
      this.index += 1;
      if (this.options.now() - this.startedAt >= this.options.deadlineMs) {
        this.report(attempt, { type: 'skipped', reason: 'deadline' });
        this.deadlinePassed = true;
        this.index = this.attempts.length;
        return undefined;
      }
      if (attempt.keyName !== undefined && this.options.keyHealth.isBad(attempt.backend, attempt.keyName)) {
        this.report(attempt, { type: 'skipped', reason: 'key-bad' });
      } else if (this.failedTargets.has(targetOf(attempt))) {
        this.report(attempt, { type: 'skipped', reason: 'backend-failed' });
      } else {
        return attempt;
      }
    }
    return undefined;
  }

  /** The attempt produced output (or completed empty): its key and backend are healthy. */
  succeeded(attempt: Attempt): void {
    if (attempt.keyName !== undefined) this.options.keyHealth.reportSuccess(attempt.backend, attempt.keyName);
    this.options.breaker.reportSuccess(attempt.backend);
    this.report(attempt, { type: 'succeeded' });
  }

  /** Books a pre-output failure; returns the error when the request must stop with it. */
  failed(attempt: Attempt, value: unknown): GatewayError | undefined {
    const error = toGatewayError(value);
    const action = classifyFailure(error);
    let keyMarkedBad = false;
    if (action === 'retry-next-key' && attempt.keyName !== undefined) {
      if (error.statusCode === 429) {
        this.options.keyHealth.reportRateLimited(attempt.backend, attempt.keyName, error.info.retryAfterSeconds);
      } else {
        keyMarkedBad = this.options.keyHealth.reportAuthFailure(attempt.backend, attempt.keyName);
      }
    }
    if (action === 'fail-over') {
      this.options.breaker.reportFailure(attempt.backend);
      this.failedTargets.add(targetOf(attempt));
    }
    this.report(attempt, { type: 'failed', error, action, keyMarkedBad });
    if (action === 'surface') return error;
    if (error.code === 'GW_ERR_UPSTREAM_HTTP') this.lastHttp = error;
    else this.lastOther = error;
    return undefined;
  }

  /** The error to end with once no attempt is left: the last HTTP error, else the last other one. */
  exhausted(): GatewayError {
    const last = this.lastHttp ?? this.lastOther;
    if (last !== undefined) return last;
    if (this.deadlinePassed) {
      return new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', 'The request deadline passed before any backend could be tried');
    }
    return new GatewayError('GW_ERR_NO_CREDENTIALS', 'No backend attempt is available for this request (no usable key)');
  }

  private report(attempt: Attempt, outcome: AttemptOutcome): void {
    this.options.onAttempt?.(attempt, outcome);
  }
}

function targetOf(attempt: Attempt): string {
  return `${attempt.backend}\u0000${attempt.model}`;
}
