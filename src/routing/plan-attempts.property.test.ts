import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { failoverPolicies } from './failover-route.js';
import { planAttempts } from './plan-attempts.js';
import type { Selection } from './select-model.js';

const backends = ['A', 'B', 'C', 'L', 'X'];

describe('planAttempts', () => {
  it('should stay within the budget, use only known keys, and cut a longer plan as a prefix', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...failoverPolicies),
        fc.array(fc.tuple(fc.constantFrom(...backends), fc.constantFrom('m1', 'm2')), { maxLength: 5 }),
        fc.record({ A: fc.integer({ min: 0, max: 3 }), B: fc.integer({ min: 0, max: 3 }), C: fc.integer({ min: 1, max: 3 }) }),
        fc.integer({ min: 0, max: 12 }),
        (policy, elements, keyCounts, maxAttempts) => {
          const keys = new Map<string, readonly string[]>(
            Object.entries(keyCounts).map(([backend, count]) => [backend, Array.from({ length: count }, (_, index) => `${backend}${index + 1}`)]),
          );
          keys.set('L', []);
          const keysOf = (backend: string): readonly string[] | undefined => keys.get(backend);
          const selection: Selection = { kind: 'route', route: { name: 'r', policy, elements: elements.map(([b, m]) => `${b}:${m}`) }, source: 'route' };
          const full = planAttempts(selection, keysOf, { maxAttempts: 1_000 });
          const cut = planAttempts(selection, keysOf, { maxAttempts });
          expect(cut.length).toBeLessThanOrEqual(maxAttempts);
          expect(cut).toEqual(full.slice(0, maxAttempts));
          for (const attempt of full) {
            expect(attempt.backend).not.toBe('X');
            const known = keys.get(attempt.backend) ?? [];
            if (known.length === 0) expect(attempt.keyName).toBeUndefined();
            else expect(known).toContain(attempt.keyName);
          }
          // km tries every (element, key) pair exactly once; mk is the same set in another order.
          if (policy === 'km' || policy === 'mk') {
            const expectedCount = elements.reduce((sum, [backend]) => sum + (backend === 'X' ? 0 : Math.max(1, keys.get(backend)?.length ?? 0)), 0);
            expect(full).toHaveLength(expectedCount);
          }
        },
      ),
      { numRuns },
    );
  });
});
