import fc from 'fast-check';
import { concat, type Observable, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { GatewayError, isGatewayError } from '../errors/index.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { classifyFailure } from './classify-failure.js';
import { KeyHealth } from './key-health.js';
import type { Attempt } from './plan-attempts.js';
import { runAttempts } from './run-attempts.js';

type ErrorKind = 429 | 401 | 403 | 400 | 404 | 500 | 503 | 'connect' | 'timeout';
type Script = { readonly type: 'success' } | { readonly type: 'error'; readonly kind: ErrorKind } | { readonly type: 'chunk-then-error'; readonly kind: ErrorKind };

const errorKind = fc.constantFrom<ErrorKind>(429, 401, 403, 400, 404, 500, 503, 'connect', 'timeout');
const script: fc.Arbitrary<Script> = fc.oneof(
  fc.constant({ type: 'success' } as const),
  fc.record({ type: fc.constant('error' as const), kind: errorKind }),
  fc.record({ type: fc.constant('error' as const), kind: errorKind }),
  fc.record({ type: fc.constant('chunk-then-error' as const), kind: errorKind }),
);
const attempt: fc.Arbitrary<Attempt> = fc.record({
  backend: fc.constantFrom('A', 'B'),
  model: fc.constantFrom('m1', 'm2'),
  keyName: fc.constantFrom('K1', 'K2', undefined),
});

function errorOf(kind: ErrorKind, index: number): GatewayError {
  if (kind === 'connect') return new GatewayError('GW_ERR_UPSTREAM_CONNECT', `connect ${index}`);
  if (kind === 'timeout') return new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', `timeout ${index}`);
  return new GatewayError('GW_ERR_UPSTREAM_HTTP', `http ${kind} ${index}`, { statusCode: kind, info: { retryAfterSeconds: index } });
}

const chunk = (index: number): CanonicalChunk => ({ type: 'text-delta', id: 't', delta: `from ${index}` });

interface Expected {
  readonly tried: number[];
  readonly chunks: CanonicalChunk[];
  readonly error?: GatewayError;
}

/** The reference model of the driver, written as plainly as possible. */
function model(plan: readonly Attempt[], scripts: readonly Script[]): Expected {
  const tried: number[] = [];
  const badKeys = new Set<string>();
  const failedTargets = new Set<string>();
  let lastHttp: GatewayError | undefined;
  let lastOther: GatewayError | undefined;
  for (const [index, { backend, model: name, keyName }] of plan.entries()) {
    if (keyName !== undefined && badKeys.has(`${backend}/${keyName}`)) continue;
    if (failedTargets.has(`${backend}/${name}`)) continue;
    tried.push(index);
    const step = scripts[index];
    if (step.type === 'success') return { tried, chunks: [chunk(index)] };
    const error = errorOf(step.kind, index);
    if (step.type === 'chunk-then-error') return { tried, chunks: [chunk(index)], error };
    const action = classifyFailure(error);
    if (action === 'surface') return { tried, chunks: [], error };
    if ((step.kind === 401 || step.kind === 403) && keyName !== undefined) badKeys.add(`${backend}/${keyName}`);
    if (action === 'fail-over') failedTargets.add(`${backend}/${name}`);
    if (error.code === 'GW_ERR_UPSTREAM_HTTP') lastHttp = error;
    else lastOther = error;
  }
  return { tried, chunks: [], error: lastHttp ?? lastOther ?? new GatewayError('GW_ERR_NO_CREDENTIALS', 'none') };
}

describe('runAttempts', () => {
  it('should try attempts in plan order, never retry after output, and surface the last meaningful error', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(attempt, script), { maxLength: 8 }),
        (pairs) => {
          const plan = pairs.map(([planned]) => ({ ...planned }));
          const scripts = pairs.map(([, step]) => step);
          const now = (): number => 0;
          const opened: number[] = [];
          let emitted = false;
          const open = (planned: Attempt): Observable<CanonicalChunk> => {
            // No attempt may start once a chunk went out.
            expect(emitted).toBe(false);
            const index = plan.indexOf(planned);
            opened.push(index);
            const step = scripts[index];
            if (step.type === 'success') return of(chunk(index));
            const error = errorOf(step.kind, index);
            return step.type === 'error' ? throwError(() => error) : concat(of(chunk(index)), throwError(() => error));
          };
          const chunks: CanonicalChunk[] = [];
          let error: GatewayError | undefined;
          runAttempts(plan, open, { keyHealth: new KeyHealth({ now }), breaker: new CircuitBreaker({ now }), deadlineMs: 1_000, now }).subscribe({
            next: (value) => {
              emitted = true;
              chunks.push(value);
            },
            error: (value: unknown) => (error = isGatewayError(value) ? value : undefined),
          });
          const expected = model(plan, scripts);
          expect(opened).toEqual(expected.tried);
          expect(opened.length).toBeLessThanOrEqual(plan.length);
          expect(opened).toEqual([...opened].sort((left, right) => left - right));
          expect(chunks).toEqual(expected.chunks);
          expect(error?.code).toBe(expected.error?.code);
          // Upstream errors are passed on as they are (the empty-plan fallback's text is ours).
          if (expected.error?.code !== 'GW_ERR_NO_CREDENTIALS') expect(error?.message).toBe(expected.error?.message);
          expect(error?.statusCode).toBe(expected.error?.statusCode);
          expect(error?.info.retryAfterSeconds).toBe(expected.error?.info.retryAfterSeconds);
        },
      ),
      { numRuns },
    );
  });
});
