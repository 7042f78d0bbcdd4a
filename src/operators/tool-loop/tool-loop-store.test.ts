import { describe, expect, it } from 'vitest';
import { InMemoryToolLoopTrackerStore } from './tool-loop-store.js';

describe('InMemoryToolLoopTrackerStore', () => {
  it('should give each session its own tracker and the same one on every access', () => {
    const store = new InMemoryToolLoopTrackerStore({ now: () => 0 });
    const first = store.trackerFor('a');
    expect(store.trackerFor('a')).toBe(first);
    expect(store.trackerFor('b')).not.toBe(first);
    for (let call = 0; call < 3; call += 1) first.check('f', '{}');
    expect(store.trackerFor('b').check('f', '{}').action).toBe('allow');
    expect(store.trackerFor('a').check('f', '{}').action).toBe('block');
  });

  it('should evict the least recently used session beyond maxSessions', () => {
    const store = new InMemoryToolLoopTrackerStore({ now: () => 0, maxSessions: 2 });
    const a = store.trackerFor('a');
    const b = store.trackerFor('b');
    store.trackerFor('a');
    store.trackerFor('c');
    expect(store.size).toBe(2);
    expect(store.trackerFor('a')).toBe(a);
    expect(store.trackerFor('b')).not.toBe(b);
  });

  it('should keep at most 256 sessions by default', () => {
    const store = new InMemoryToolLoopTrackerStore({ now: () => 0 });
    for (let session = 0; session < 300; session += 1) store.trackerFor(`s${session}`);
    expect(store.size).toBe(256);
  });

  it('should forget sessions idle for more than an hour', () => {
    let time = 0;
    const store = new InMemoryToolLoopTrackerStore({ now: () => time });
    const a = store.trackerFor('a');
    const b = store.trackerFor('b');
    time = 30 * 60 * 1000;
    expect(store.trackerFor('b')).toBe(b);
    time = 60 * 60 * 1000 + 1;
    store.trackerFor('c');
    expect(store.size).toBe(2); // a expired; b was used 30 minutes ago
    expect(store.trackerFor('a')).not.toBe(a);
  });
});
