import { concat, Observable, of, Subject, take, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { GatewayError, isGatewayError } from '../errors/index.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { KeyHealth } from './key-health.js';
import type { Attempt } from './plan-attempts.js';
import { runAttempts, type AttemptOutcome, type RunAttemptsOptions } from './run-attempts.js';

const text = (delta: string): CanonicalChunk => ({ type: 'text-delta', id: 't', delta });
const http = (statusCode: number, retryAfterSeconds?: number): GatewayError =>
  new GatewayError('GW_ERR_UPSTREAM_HTTP', `upstream ${statusCode}`, { statusCode, info: { retryAfterSeconds } });
const connect = (): GatewayError => new GatewayError('GW_ERR_UPSTREAM_CONNECT', 'refused');

const a1: Attempt = { backend: 'A', model: 'm1', keyName: 'A1' };
const a2: Attempt = { backend: 'A', model: 'm1', keyName: 'A2' };
const b1: Attempt = { backend: 'B', model: 'm2', keyName: 'B1' };

interface Harness {
  readonly options: RunAttemptsOptions;
  readonly keyHealth: KeyHealth;
  readonly breaker: CircuitBreaker;
  readonly outcomes: [Attempt, AttemptOutcome][];
  advance(ms: number): void;
}

function harness(deadlineMs = 90_000): Harness {
  let time = 0;
  const now = (): number => time;
  const keyHealth = new KeyHealth({ now });
  const breaker = new CircuitBreaker({ now, failureThreshold: 1 });
  const outcomes: [Attempt, AttemptOutcome][] = [];
  const options: RunAttemptsOptions = { keyHealth, breaker, deadlineMs, now, onAttempt: (attempt, outcome) => outcomes.push([attempt, outcome]) };
  return { options, keyHealth, breaker, outcomes, advance: (ms) => (time += ms) };
}

function collect(source: Observable<CanonicalChunk>): { chunks: CanonicalChunk[]; error?: GatewayError; completed: boolean } {
  const result: { chunks: CanonicalChunk[]; error?: GatewayError; completed: boolean } = { chunks: [], completed: false };
  source.subscribe({
    next: (chunk) => result.chunks.push(chunk),
    error: (error: unknown) => (result.error = isGatewayError(error) ? error : new GatewayError('GW_ERR_INTERNAL', String(error))),
    complete: () => (result.completed = true),
  });
  return result;
}

function scripted(scripts: Map<Attempt, () => Observable<CanonicalChunk>>, opened: Attempt[]): (attempt: Attempt) => Observable<CanonicalChunk> {
  return (attempt) => {
    opened.push(attempt);
    const script = scripts.get(attempt);
    if (script === undefined) throw new Error('unplanned attempt');
    return script();
  };
}

describe('runAttempts', () => {
  it('should pass the first attempt through when it succeeds', () => {
    const { options, outcomes } = harness();
    const opened: Attempt[] = [];
    const result = collect(runAttempts([a1, b1], scripted(new Map([[a1, () => of(text('hi'))]]), opened), options));
    expect(result).toEqual({ chunks: [text('hi')], completed: true });
    expect(opened).toEqual([a1]);
    expect(outcomes).toEqual([[a1, { type: 'succeeded' }]]);
  });

  it('should move on after a 429 before output and cool that key for its Retry-After', () => {
    const { options, keyHealth } = harness();
    const opened: Attempt[] = [];
    const scripts = new Map([[a1, () => throwError(() => http(429, 20))], [a2, () => of(text('ok'))]]);
    expect(collect(runAttempts([a1, a2], scripted(scripts, opened), options)).chunks).toEqual([text('ok')]);
    expect(opened).toEqual([a1, a2]);
    expect(keyHealth.isUsable('A', 'A1')).toBe(false);
    expect(keyHealth.nextAvailableAt('A')).toBe(20_000);
  });

  it('should mark a 401 key bad, say so once, and skip it later in the plan', () => {
    const { options, outcomes, keyHealth } = harness();
    const opened: Attempt[] = [];
    const again: Attempt = { backend: 'A', model: 'm3', keyName: 'A1' };
    const scripts = new Map([[a1, () => throwError(() => http(401))], [again, () => of(text('x'))], [b1, () => of(text('b'))]]);
    const result = collect(runAttempts([a1, again, b1], scripted(scripts, opened), options));
    expect(result.chunks).toEqual([text('b')]);
    expect(opened).toEqual([a1, b1]);
    expect(keyHealth.isBad('A', 'A1')).toBe(true);
    expect(outcomes.map(([, outcome]) => outcome.type)).toEqual(['failed', 'skipped', 'succeeded']);
    expect(outcomes[0][1]).toMatchObject({ action: 'retry-next-key', keyMarkedBad: true });
  });

  it('should fail over after a 5xx, skipping other keys of the same backend and model', () => {
    const { options, breaker } = harness();
    const opened: Attempt[] = [];
    const scripts = new Map([[a1, () => throwError(() => http(503))], [a2, () => of(text('never'))], [b1, () => of(text('b'))]]);
    expect(collect(runAttempts([a1, a2, b1], scripted(scripts, opened), options)).chunks).toEqual([text('b')]);
    expect(opened).toEqual([a1, b1]);
    expect(breaker.state('A')).toBe('open');
  });

  it('should surface a 400 at once', () => {
    const { options } = harness();
    const opened: Attempt[] = [];
    const scripts = new Map([[a1, () => throwError(() => http(400))], [b1, () => of(text('b'))]]);
    const result = collect(runAttempts([a1, b1], scripted(scripts, opened), options));
    expect(result.error?.statusCode).toBe(400);
    expect(opened).toEqual([a1]);
  });

  it('should never retry once a chunk went out', () => {
    const { options } = harness();
    const opened: Attempt[] = [];
    const scripts = new Map([[a1, () => concat(of(text('partial')), throwError(() => http(503)))], [b1, () => of(text('b'))]]);
    const result = collect(runAttempts([a1, b1], scripted(scripts, opened), options));
    expect(result.chunks).toEqual([text('partial')]);
    expect(result.error?.statusCode).toBe(503);
    expect(opened).toEqual([a1]);
  });

  it('should end with the last HTTP error rather than a later connect error', () => {
    const { options } = harness();
    const scripts = new Map([[a1, () => throwError(() => http(429, 7))], [b1, () => throwError(connect)]]);
    const error = collect(runAttempts([a1, b1], scripted(scripts, []), options)).error;
    expect(error?.code).toBe('GW_ERR_UPSTREAM_HTTP');
    expect(error?.statusCode).toBe(429);
    expect(error?.info.retryAfterSeconds).toBe(7);
  });

  it('should end with the last connect error when there was no HTTP error', () => {
    const { options } = harness();
    const scripts = new Map([[a1, () => throwError(connect)], [b1, () => throwError(() => new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', 't'))]]);
    expect(collect(runAttempts([a1, b1], scripted(scripts, []), options)).error?.code).toBe('GW_ERR_UPSTREAM_TIMEOUT');
  });

  it('should start no attempt after the deadline', () => {
    const h = harness(1_000);
    const opened: Attempt[] = [];
    const scripts = new Map([
      [a1, () => { h.advance(1_000); return throwError(() => http(429)); }],
      [b1, () => of(text('late'))],
    ]);
    const result = collect(runAttempts([a1, b1], scripted(scripts, opened), h.options));
    expect(opened).toEqual([a1]);
    expect(result.error?.statusCode).toBe(429);
    expect(h.outcomes.at(-1)).toEqual([b1, { type: 'skipped', reason: 'deadline' }]);
  });

  it('should answer a timeout when the deadline passed before any attempt', () => {
    const { options } = harness(0);
    expect(collect(runAttempts([a1], () => of(text('x')), options)).error?.code).toBe('GW_ERR_UPSTREAM_TIMEOUT');
  });

  it('should answer GW_ERR_NO_CREDENTIALS for an empty plan', () => {
    const { options } = harness();
    expect(collect(runAttempts([], () => of(text('x')), options)).error?.code).toBe('GW_ERR_NO_CREDENTIALS');
  });

  it('should treat a throwing open() as a failed attempt and a non-gateway error as internal', () => {
    const { options } = harness();
    const opened: Attempt[] = [];
    const scripts = new Map<Attempt, () => Observable<CanonicalChunk>>([[a1, () => { throw connect(); }], [b1, () => throwError(() => new Error('bug'))]]);
    const result = collect(runAttempts([a1, b1], scripted(scripts, opened), options));
    expect(opened).toEqual([a1, b1]);
    expect(result.error?.code).toBe('GW_ERR_INTERNAL');
  });

  it('should count an attempt that completes without chunks as a success', () => {
    const { options, keyHealth } = harness();
    keyHealth.reportRateLimited('A', 'A1', 0);
    const result = collect(runAttempts([a1], () => of(), options));
    expect(result).toEqual({ chunks: [], completed: true });
  });

  it('should fail over on an asynchronous error (marbles)', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const { options } = harness();
      const first = cold<CanonicalChunk>('--#', undefined, http(500));
      const second = cold<CanonicalChunk>('--a--b|', { a: text('a'), b: text('b') });
      const result = runAttempts([a1, b1], (attempt) => (attempt === a1 ? first : second), options);
      expectObservable(result).toBe('----a--b|', { a: text('a'), b: text('b') });
      expectSubscriptions(first.subscriptions).toBe('^-!');
      expectSubscriptions(second.subscriptions).toBe('--^-----!');
    });
  });

  it('should unsubscribe from the current attempt when unsubscribed mid-attempt', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const { options } = harness();
      const first = cold<CanonicalChunk>('-#', undefined, connect());
      const second = cold<CanonicalChunk>('--a----b|', { a: text('a'), b: text('b') });
      const result = runAttempts([a1, b1], (attempt) => (attempt === a1 ? first : second), options);
      expectObservable(result, '^----!').toBe('---a-', { a: text('a') });
      expectSubscriptions(first.subscriptions).toBe('^!');
      expectSubscriptions(second.subscriptions).toBe('-^---!');
    });
  });

  it('should tear the next attempt down when the consumer unsubscribes on its first chunk', () => {
    const { options } = harness();
    let tornDown = 0;
    const emitsThenHangs = new Observable<CanonicalChunk>((subscriber) => {
      subscriber.next(text('one'));
      return () => (tornDown += 1);
    });
    const failLater = new Subject<CanonicalChunk>();
    const received: CanonicalChunk[] = [];
    runAttempts([a1, b1], (attempt) => (attempt === a1 ? failLater : emitsThenHangs), options)
      .pipe(take(1))
      .subscribe((chunk) => received.push(chunk));
    failLater.error(connect());
    expect(received).toEqual([text('one')]);
    expect(tornDown).toBe(1);
    expect(failLater.observed).toBe(false);
  });
});
