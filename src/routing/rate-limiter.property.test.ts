import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('should agree with a brute-force sliding window, and its Retry-After should be exact', () => {
    const step = fc.record({ advanceMs: fc.integer({ min: 0, max: 30_000 }), tokens: fc.integer({ min: 0, max: 400 }) });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 100, max: 1_000 }),
        fc.array(step, { maxLength: 60 }),
        (rpm, tpm, steps) => {
          let time = 0;
          const limiter = new RateLimiter({ now: () => time, limitsOf: () => ({ requestsPerMinute: rpm, tokensPerMinute: tpm }) });
          const sent: { at: number; tokens: number }[] = [];
          const fits = (at: number, tokens: number): boolean => {
            const live = sent.filter((entry) => entry.at > at - 60_000);
            const used = live.reduce((sum, entry) => sum + entry.tokens, 0);
            return live.length + 1 <= rpm && (used + tokens <= tpm || (tokens > tpm && live.length === 0));
          };
          for (const { advanceMs, tokens } of steps) {
            time += advanceMs;
            const verdict = limiter.check('m', tokens);
            expect(verdict.ok).toBe(fits(time, tokens));
            if (verdict.ok) {
              limiter.record('m', tokens);
              sent.push({ at: time, tokens });
            } else {
              // It fits once the Retry-After has passed, and (to the second) not earlier.
              expect(fits(time + verdict.retryAfterSeconds * 1_000, tokens)).toBe(true);
              if (verdict.retryAfterSeconds > 1) expect(fits(time + (verdict.retryAfterSeconds - 1) * 1_000 - 1, tokens)).toBe(false);
            }
          }
          expect(limiter.trackedKeys).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns },
    );
  });
});
