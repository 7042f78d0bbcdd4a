import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

function setup(): { breaker: CircuitBreaker; advance: (ms: number) => void } {
  let time = 0;
  return { breaker: new CircuitBreaker({ now: () => time }), advance: (ms) => (time += ms) };
}

function fail(breaker: CircuitBreaker, times: number): void {
  for (let index = 0; index < times; index += 1) breaker.reportFailure('b');
}

describe('CircuitBreaker', () => {
  it('should stay closed below the threshold and reset on success', () => {
    const { breaker } = setup();
    fail(breaker, 4);
    expect(breaker.canTry('b')).toBe(true);
    breaker.reportSuccess('b');
    fail(breaker, 4);
    expect(breaker.state('b')).toBe('closed');
  });

  it('should open after 5 consecutive failures for 30 s', () => {
    const { breaker, advance } = setup();
    fail(breaker, 5);
    expect(breaker.state('b')).toBe('open');
    expect(breaker.canTry('b')).toBe(false);
    expect(breaker.canTry('other')).toBe(true);
    advance(29_999);
    expect(breaker.canTry('b')).toBe(false);
  });

  it('should let exactly one probe through when half-open', () => {
    const { breaker, advance } = setup();
    fail(breaker, 5);
    advance(30_000);
    expect(breaker.state('b')).toBe('half-open');
    expect(breaker.canTry('b')).toBe(true);
    expect(breaker.canTry('b')).toBe(false);
  });

  it('should close after a successful probe', () => {
    const { breaker, advance } = setup();
    fail(breaker, 5);
    advance(30_000);
    breaker.canTry('b');
    breaker.reportSuccess('b');
    expect(breaker.state('b')).toBe('closed');
    expect(breaker.canTry('b')).toBe(true);
    expect(breaker.canTry('b')).toBe(true);
  });

  it('should reopen after a failed probe', () => {
    const { breaker, advance } = setup();
    fail(breaker, 5);
    advance(30_000);
    breaker.canTry('b');
    breaker.reportFailure('b');
    expect(breaker.state('b')).toBe('open');
    advance(29_999);
    expect(breaker.canTry('b')).toBe(false);
    advance(1);
    expect(breaker.canTry('b')).toBe(true);
  });

  it('should grant a new probe when the last one never reported', () => {
    const { breaker, advance } = setup();
    fail(breaker, 5);
    advance(30_000);
    expect(breaker.canTry('b')).toBe(true);
    advance(29_999);
    expect(breaker.canTry('b')).toBe(false);
    advance(1);
    expect(breaker.canTry('b')).toBe(true);
  });

  it('should honour its options', () => {
    let time = 0;
    const breaker = new CircuitBreaker({ now: () => time, failureThreshold: 2, cooldownMs: 100 });
    breaker.reportFailure('b');
    breaker.reportFailure('b');
    expect(breaker.canTry('b')).toBe(false);
    time = 100;
    expect(breaker.canTry('b')).toBe(true);
  });
});
