import { describe, expect, it } from 'vitest';
import type { FailoverPolicy } from './failover-route.js';
import { planAttempts, type KeysOf } from './plan-attempts.js';
import type { Selection } from './select-model.js';

const keys: Record<string, readonly string[]> = { A: ['A1', 'A2'], B: ['B1'], L: [] };
const keysOf: KeysOf = (backend) => keys[backend];

function route(policy: FailoverPolicy, elements: readonly string[] = ['A:m1', 'B:m2']): Selection {
  return { kind: 'route', route: { name: 'r', policy, elements }, source: 'route' };
}

function triples(selection: Selection, lookup: KeysOf = keysOf, maxAttempts = 10): string[][] {
  return planAttempts(selection, lookup, { maxAttempts }).map((attempt) => [attempt.backend, attempt.model, attempt.keyName ?? '-']);
}

describe('planAttempts', () => {
  // SEED-SPEC §13.7, verbatim: keys A1, A2 for A and B1 for B, route [A:m1, B:m2].
  it('should expand k to (A,m1,A1), (A,m1,A2)', () => {
    expect(triples(route('k'))).toEqual([['A', 'm1', 'A1'], ['A', 'm1', 'A2']]);
  });

  it('should expand m to (A,m1,A1), (B,m2,B1)', () => {
    expect(triples(route('m'))).toEqual([['A', 'm1', 'A1'], ['B', 'm2', 'B1']]);
  });

  it('should expand km to (A,m1,A1), (A,m1,A2), (B,m2,B1)', () => {
    expect(triples(route('km'))).toEqual([['A', 'm1', 'A1'], ['A', 'm1', 'A2'], ['B', 'm2', 'B1']]);
  });

  it('should expand mk to (A,m1,A1), (B,m2,B1), (A,m1,A2)', () => {
    expect(triples(route('mk'))).toEqual([['A', 'm1', 'A1'], ['B', 'm2', 'B1'], ['A', 'm1', 'A2']]);
  });

  it('should plan a direct selection as one element over every key', () => {
    const direct: Selection = { kind: 'direct', backend: 'A', model: 'm1', parameters: {}, source: 'default' };
    expect(triples(direct)).toEqual([['A', 'm1', 'A1'], ['A', 'm1', 'A2']]);
  });

  it('should skip elements whose backend has no usable keys', () => {
    expect(triples(route('m', ['X:m0', 'A:m1', 'B:m2']))).toEqual([['A', 'm1', 'A1'], ['B', 'm2', 'B1']]);
    expect(triples(route('mk', ['X:m0', 'B:m2']))).toEqual([['B', 'm2', 'B1']]);
    expect(triples(route('k', ['X:m0', 'A:m1']))).toEqual([]);
  });

  it('should give a keyless backend one attempt without a key', () => {
    expect(triples(route('km', ['L:local', 'B:m2']))).toEqual([['L', 'local', '-'], ['B', 'm2', 'B1']]);
    expect(triples(route('mk', ['A:m1', 'L:local']))).toEqual([['A', 'm1', 'A1'], ['L', 'local', '-'], ['A', 'm1', 'A2']]);
  });

  it('should cut the plan to the attempt budget', () => {
    expect(triples(route('km'), keysOf, 2)).toEqual([['A', 'm1', 'A1'], ['A', 'm1', 'A2']]);
    expect(triples(route('km'), keysOf, 0)).toEqual([]);
  });

  it('should carry element parameters', () => {
    const [attempt] = planAttempts(route('m', ['A:m1?temperature=0.2']), keysOf, { maxAttempts: 5 });
    expect(attempt).toEqual({ backend: 'A', model: 'm1', keyName: 'A1', parameters: { temperature: '0.2' } });
  });

  it('should drop backends the breaker refuses, asking once per backend', () => {
    const asked: string[] = [];
    const canTry = (backend: string): boolean => {
      asked.push(backend);
      return backend !== 'A';
    };
    const plan = planAttempts(route('km'), keysOf, { maxAttempts: 5, canTry });
    expect(plan.map((attempt) => attempt.keyName)).toEqual(['B1']);
    expect(asked).toEqual(['A', 'B']);
  });

  it('should keep the whole plan when the breaker refuses every backend', () => {
    const plan = planAttempts(route('km'), keysOf, { maxAttempts: 5, canTry: () => false });
    expect(plan.map((attempt) => attempt.keyName)).toEqual(['A1', 'A2', 'B1']);
  });

  it('should reject a route element without a backend', () => {
    expect(() => planAttempts(route('m', ['gpt-4o']), keysOf, { maxAttempts: 5 })).toThrow(/not backend:model/);
  });
});
