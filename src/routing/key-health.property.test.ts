import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { KeyHealth } from './key-health.js';

const keys = ['K1', 'K2', 'K3', 'K4'];

describe('KeyHealth', () => {
  it('should never hand out a cooling key, and use steady healthy keys round-robin', () => {
    const step = fc.record({
      advanceMs: fc.integer({ min: 0, max: 5_000 }),
      rateLimited: fc.boolean(),
      retryAfter: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => {
        let time = 0;
        const health = new KeyHealth({ now: () => time });
        const coolUntil = new Map<string, number>();
        const strikes = new Map<string, number>();
        let previous: { usable: string; first: string } | undefined;
        for (const { advanceMs, rateLimited, retryAfter } of steps) {
          time += advanceMs;
          const order = health.order('b', keys);
          for (const key of order) expect(coolUntil.get(key) ?? 0).toBeLessThanOrEqual(time);
          const usable = keys.filter((key) => (coolUntil.get(key) ?? 0) <= time);
          expect(order).toHaveLength(usable.length);
          if (order.length === 0) {
            previous = undefined;
            continue;
          }
          // With the same healthy set as last call, the first key is the next one after the last first.
          if (previous !== undefined && previous.usable === usable.join()) {
            expect(order[0]).toBe(usable[(usable.indexOf(previous.first) + 1) % usable.length]);
          }
          previous = { usable: usable.join(), first: order[0] };
          if (rateLimited) {
            health.reportRateLimited('b', order[0], retryAfter);
            // The model: Retry-After, else 1 s doubling per 429 since the last success, capped at 5 min.
            const count = strikes.get(order[0]) ?? 0;
            const wait = retryAfter !== undefined ? retryAfter * 1_000 : Math.min(300_000, 1_000 * 2 ** count);
            strikes.set(order[0], count + 1);
            coolUntil.set(order[0], time + wait);
          } else {
            health.reportSuccess('b', order[0]);
            strikes.delete(order[0]);
          }
        }
      }),
      { numRuns },
    );
  });
});
