import { describe, expect, it } from 'vitest';
import { RateLimiter, type RateLimits } from './rate-limiter.js';

function setup(limits: RateLimits | undefined): { limiter: RateLimiter; advance: (ms: number) => void } {
  let time = 0;
  return { limiter: new RateLimiter({ now: () => time, limitsOf: () => limits }), advance: (ms) => (time += ms) };
}

describe('RateLimiter', () => {
  it('should allow everything for a model without limits and keep no state', () => {
    const { limiter } = setup(undefined);
    limiter.record('m', 1_000_000);
    expect(limiter.check('m', 1_000_000)).toEqual({ ok: true });
    expect(limiter.trackedKeys).toBe(0);
  });

  it('should refuse the request past requests_per_minute until the oldest leaves', () => {
    const { limiter, advance } = setup({ requestsPerMinute: 2 });
    limiter.record('m', 0);
    advance(10_000);
    limiter.record('m', 0);
    advance(5_000);
    expect(limiter.check('m', 0)).toEqual({ ok: false, retryAfterSeconds: 45 });
    advance(44_999);
    expect(limiter.check('m', 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    advance(1);
    expect(limiter.check('m', 0)).toEqual({ ok: true });
  });

  it('should refuse tokens past tokens_per_minute until enough have left', () => {
    const { limiter, advance } = setup({ tokensPerMinute: 1_000 });
    limiter.record('m', 600);
    advance(20_000);
    limiter.record('m', 300);
    expect(limiter.check('m', 100)).toEqual({ ok: true });
    expect(limiter.check('m', 200)).toEqual({ ok: false, retryAfterSeconds: 40 });
    advance(40_000);
    expect(limiter.check('m', 200)).toEqual({ ok: true });
    expect(limiter.check('m', 800)).toEqual({ ok: false, retryAfterSeconds: 20 });
  });

  it('should let an oversized request through only on an empty window', () => {
    const { limiter, advance } = setup({ tokensPerMinute: 1_000 });
    expect(limiter.check('m', 5_000)).toEqual({ ok: true });
    limiter.record('m', 5_000);
    advance(1_000);
    limiter.record('m', 10);
    expect(limiter.check('m', 5_000)).toEqual({ ok: false, retryAfterSeconds: 60 });
  });

  it('should keep model keys apart and forget idle ones', () => {
    const { limiter, advance } = setup({ requestsPerMinute: 1 });
    limiter.record('a', 0);
    expect(limiter.check('b', 0)).toEqual({ ok: true });
    expect(limiter.trackedKeys).toBe(1);
    advance(60_000);
    expect(limiter.check('a', 0)).toEqual({ ok: true });
    expect(limiter.trackedKeys).toBe(0);
  });
});
