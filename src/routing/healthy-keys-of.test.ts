import { describe, expect, it } from 'vitest';
import { healthyKeysOf } from './healthy-keys-of.js';
import { KeyHealth } from './key-health.js';

describe('healthyKeysOf', () => {
  const configured: Record<string, readonly string[]> = { a: ['A1', 'A2'], local: [] };

  it('should give usable keys in rotation, [] for a keyless backend and undefined for an unknown one', () => {
    const keysOf = healthyKeysOf(new KeyHealth({ now: () => 0 }), (backend) => configured[backend]);
    expect(keysOf('a')).toEqual(['A1', 'A2']);
    expect(keysOf('a')).toEqual(['A2', 'A1']);
    expect(keysOf('local')).toEqual([]);
    expect(keysOf('nosuch')).toBeUndefined();
  });

  it('should give undefined when every key cools or is bad', () => {
    const health = new KeyHealth({ now: () => 0 });
    health.reportRateLimited('a', 'A1', 5);
    health.reportAuthFailure('a', 'A2');
    expect(healthyKeysOf(health, (backend) => configured[backend])('a')).toBeUndefined();
  });
});
