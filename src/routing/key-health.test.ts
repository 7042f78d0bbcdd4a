import { describe, expect, it } from 'vitest';
import { KeyHealth } from './key-health.js';

function setup(): { health: KeyHealth; advance: (ms: number) => void } {
  let time = 1_000_000;
  return { health: new KeyHealth({ now: () => time }), advance: (ms) => (time += ms) };
}

const keys = ['K1', 'K2', 'K3'];

describe('KeyHealth', () => {
  it('should rotate the starting key on every call', () => {
    const { health } = setup();
    expect(health.order('gemini', keys)).toEqual(['K1', 'K2', 'K3']);
    expect(health.order('gemini', keys)).toEqual(['K2', 'K3', 'K1']);
    expect(health.order('gemini', keys)).toEqual(['K3', 'K1', 'K2']);
    expect(health.order('gemini', keys)).toEqual(['K1', 'K2', 'K3']);
  });

  it('should keep a separate rotation per backend', () => {
    const { health } = setup();
    health.order('a', keys);
    expect(health.order('b', keys)).toEqual(['K1', 'K2', 'K3']);
  });

  it('should skip a key cooling down for its Retry-After, then bring it back', () => {
    const { health, advance } = setup();
    health.reportRateLimited('gemini', 'K1', 30);
    expect(health.order('gemini', keys)).toEqual(['K2', 'K3']);
    advance(29_999);
    expect(health.isUsable('gemini', 'K1')).toBe(false);
    advance(1);
    expect(health.isUsable('gemini', 'K1')).toBe(true);
  });

  it('should back off 1 s, 2 s, 4 s without Retry-After, and reset on success', () => {
    const { health, advance } = setup();
    health.reportRateLimited('g', 'K1');
    expect(health.nextAvailableAt('g')).toBe(1_000_000 + 1_000);
    advance(1_000);
    health.reportRateLimited('g', 'K1');
    expect(health.nextAvailableAt('g')).toBe(1_000_000 + 1_000 + 2_000);
    advance(2_000);
    health.reportRateLimited('g', 'K1');
    expect(health.nextAvailableAt('g')).toBe(1_000_000 + 3_000 + 4_000);
    health.reportSuccess('g', 'K1');
    expect(health.isUsable('g', 'K1')).toBe(true);
    health.reportRateLimited('g', 'K1');
    expect(health.nextAvailableAt('g')).toBe(1_000_000 + 3_000 + 1_000);
  });

  it('should cap the backoff at 5 minutes', () => {
    const { health } = setup();
    for (let index = 0; index < 40; index += 1) health.reportRateLimited('g', 'K1');
    expect(health.nextAvailableAt('g')).toBe(1_000_000 + 300_000);
  });

  it('should return no key and the earliest recovery when all keys cool', () => {
    const { health } = setup();
    health.reportRateLimited('g', 'K1', 10);
    health.reportRateLimited('g', 'K2', 5);
    health.reportRateLimited('g', 'K3', 20);
    expect(health.order('g', keys)).toEqual([]);
    expect(health.nextAvailableAt('g')).toBe(1_005_000);
  });

  it('should mark a key bad once and report only the first time', () => {
    const { health, advance } = setup();
    expect(health.reportAuthFailure('g', 'K2')).toBe(true);
    expect(health.reportAuthFailure('g', 'K2')).toBe(false);
    advance(3_600_000);
    health.reportSuccess('g', 'K2');
    expect(health.isBad('g', 'K2')).toBe(true);
    expect(health.order('g', keys)).toEqual(['K1', 'K3']);
    expect(health.nextAvailableAt('g')).toBeUndefined();
  });

  it('should carry on the rotation after the last first key when a key drops out', () => {
    const { health } = setup();
    expect(health.order('g', keys)[0]).toBe('K1');
    health.reportRateLimited('g', 'K2', 60);
    expect(health.order('g', keys)).toEqual(['K3', 'K1']);
    expect(health.order('g', keys)).toEqual(['K1', 'K3']);
  });
});
