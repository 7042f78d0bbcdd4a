import { Observable, type Subscription } from 'rxjs';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { AttemptLedger } from './attempt-ledger.js';
import type { Attempt } from './plan-attempts.js';
import type { RunAttemptsOptions } from './run-attempts-options.js';

export type { AttemptOutcome, RunAttemptsOptions } from './run-attempts-options.js';

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
    const ledger = new AttemptLedger(attempts, options);
    let current: Subscription | undefined;

    // Trampolined: an attempt that fails synchronously inside `subscribe` loops here rather than
    // recursing, so a long plan of instant failures cannot grow the stack.
    const startNext = (): void => {
      while (!subscriber.closed) {
        const attempt = ledger.next();
        if (attempt === undefined) {
          subscriber.error(ledger.exhausted());
          return;
        }
        let emitted = false;
        let subscribing = true;
        let failedDuringSubscribe = false;
        /** False when the request stopped (a surfaced error). */
        const bookFailure = (value: unknown): boolean => {
          const fatal = ledger.failed(attempt, value);
          if (fatal !== undefined) subscriber.error(fatal);
          return fatal === undefined;
        };
        let source: Observable<CanonicalChunk>;
        try {
          source = open(attempt);
        } catch (error) {
          if (!bookFailure(error)) return;
          continue;
        }
        const subscription = source.subscribe({
          next: (chunk) => {
            if (!emitted) {
              emitted = true;
              ledger.succeeded(attempt);
            }
            subscriber.next(chunk);
          },
          error: (error: unknown) => {
            if (emitted) subscriber.error(error);
            else if (bookFailure(error)) {
              if (subscribing) failedDuringSubscribe = true;
              else startNext();
            }
          },
          complete: () => {
            if (!emitted) ledger.succeeded(attempt);
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
