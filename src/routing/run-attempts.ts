import { Observable, type Subscription } from 'rxjs';
import { GatewayError, toGatewayError } from '../errors/index.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { classifyFailure, type FailureAction } from './classify-failure.js';
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

/**
 * Drives the failover loop: subscribes to the first attempt; when it errors *before emitting any
 * chunk* with a retryable failure, moves straight on to the next (no sleeping). Once a chunk went
 * out the attempt is committed and its errors pass through. When every attempt failed, errors
 * with the last upstream HTTP error (else the last other failure), status, message and
 * `info.retryAfterSeconds` kept. Within one run, an attempt is skipped when its key was marked
 * bad, or when the same backend and model already failed over (another key will not cure a 5xx).
 *
 * ```
 * attempt 1:  #            (429, before output)
 * attempt 2:  --a--b--|
 * result:     --a--b--|
 * ```
 *
 * @param attempts the plan from `planAttempts` (already cut to the attempt budget)
 * @param open starts one upstream call; its Observable is subscribed once
 * @example
 * runAttempts(attempts, (attempt) => connector.stream(request, attempt), { keyHealth, breaker, deadlineMs: 90_000, now: Date.now })
 */
export function runAttempts(
  attempts: readonly Attempt[],
  open: (attempt: Attempt) => Observable<CanonicalChunk>,
  options: RunAttemptsOptions,
): Observable<CanonicalChunk> {
  return new Observable<CanonicalChunk>((subscriber) => {
    const startedAt = options.now();
    const failedTargets = new Set<string>();
    let lastHttp: GatewayError | undefined;
    let lastOther: GatewayError | undefined;
    let deadlinePassed = false;
    let index = 0;
    let current: Subscription | undefined;

    const report = (attempt: Attempt, outcome: AttemptOutcome): void => options.onAttempt?.(attempt, outcome);

    const succeed = (attempt: Attempt): void => {
      if (attempt.keyName !== undefined) options.keyHealth.reportSuccess(attempt.backend, attempt.keyName);
      options.breaker.reportSuccess(attempt.backend);
      report(attempt, { type: 'succeeded' });
    };

    /** Books a pre-output failure; returns false when the request must stop with it. */
    const recordFailure = (attempt: Attempt, value: unknown): boolean => {
      const error = toGatewayError(value);
      const action = classifyFailure(error);
      let keyMarkedBad = false;
      if (action === 'retry-next-key' && attempt.keyName !== undefined) {
        if (error.statusCode === 429) {
          options.keyHealth.reportRateLimited(attempt.backend, attempt.keyName, error.info.retryAfterSeconds);
        } else {
          keyMarkedBad = options.keyHealth.reportAuthFailure(attempt.backend, attempt.keyName);
        }
      }
      if (action === 'fail-over') {
        options.breaker.reportFailure(attempt.backend);
        failedTargets.add(targetOf(attempt));
      }
      report(attempt, { type: 'failed', error, action, keyMarkedBad });
      if (action === 'surface') {
        subscriber.error(error);
        return false;
      }
      if (error.code === 'GW_ERR_UPSTREAM_HTTP') lastHttp = error;
      else lastOther = error;
      return true;
    };

    const nextAttempt = (): Attempt | undefined => {
      while (index < attempts.length) {
        const attempt = attempts[index];
        index += 1;
        if (options.now() - startedAt >= options.deadlineMs) {
          report(attempt, { type: 'skipped', reason: 'deadline' });
          deadlinePassed = true;
          index = attempts.length;
          return undefined;
        }
        if (attempt.keyName !== undefined && options.keyHealth.isBad(attempt.backend, attempt.keyName)) {
          report(attempt, { type: 'skipped', reason: 'key-bad' });
        } else if (failedTargets.has(targetOf(attempt))) {
          report(attempt, { type: 'skipped', reason: 'backend-failed' });
        } else {
          return attempt;
        }
      }
      return undefined;
    };

    // Trampolined: an attempt that fails synchronously inside `subscribe` loops here rather than
    // recursing, so a long plan of instant failures cannot grow the stack.
    const startNext = (): void => {
      while (!subscriber.closed) {
        const attempt = nextAttempt();
        if (attempt === undefined) {
          subscriber.error(exhaustedError(lastHttp, lastOther, deadlinePassed));
          return;
        }
        let emitted = false;
        let subscribing = true;
        let failedDuringSubscribe = false;
        const onPreOutputError = (value: unknown): void => {
          if (!recordFailure(attempt, value)) return;
          if (subscribing) failedDuringSubscribe = true;
          else startNext();
        };
        let source: Observable<CanonicalChunk>;
        try {
          source = open(attempt);
        } catch (error) {
          subscribing = false;
          if (!recordFailure(attempt, error)) return;
          continue;
        }
        const subscription = source.subscribe({
          next: (chunk) => {
            if (!emitted) {
              emitted = true;
              succeed(attempt);
            }
            subscriber.next(chunk);
          },
          error: (error: unknown) => (emitted ? subscriber.error(error) : onPreOutputError(error)),
          complete: () => {
            if (!emitted) succeed(attempt);
            subscriber.complete();
          },
        });
        subscribing = false;
        if (!failedDuringSubscribe) {
          current = subscription;
          // The consumer may have unsubscribed synchronously while this attempt emitted.
          if (subscriber.closed) subscription.unsubscribe();
          return;
        }
      }
    };

    startNext();
    return () => {
      current?.unsubscribe();
      current = undefined;
    };
  });
}

function targetOf(attempt: Attempt): string {
  return `${attempt.backend}\u0000${attempt.model}`;
}

function exhaustedError(
  lastHttp: GatewayError | undefined,
  lastOther: GatewayError | undefined,
  deadlinePassed: boolean,
): GatewayError {
  const last = lastHttp ?? lastOther;
  if (last !== undefined) return last;
  if (deadlinePassed) {
    return new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', 'The request deadline passed before any backend could be tried');
  }
  return new GatewayError('GW_ERR_NO_CREDENTIALS', 'No backend attempt is available for this request (no usable key)');
}
