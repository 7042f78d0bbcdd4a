import { describe, expect, it } from 'vitest';
import { InMemorySessionStore } from './in-memory-session-store.js';
import { createSessionState, rememberNonForwardable } from './session-state.js';

describe('InMemorySessionStore', () => {
  it('should create a fresh session on first access and keep updates', () => {
    let now = 100;
    const store = new InMemorySessionStore({ now: () => now });
    expect(store.get('a')).toEqual({ ...createSessionState('a', 100) });
    now = 200;
    const updated = store.update('a', (state) => ({ ...state, model: 'gpt-4o' }));
    expect(updated).toMatchObject({ id: 'a', model: 'gpt-4o', createdAt: 100, lastSeenAt: 200 });
    expect(store.get('a').model).toBe('gpt-4o');
  });

  it('should never let state cross sessions, even when an update returns another id', () => {
    const store = new InMemorySessionStore({ now: () => 0 });
    store.update('a', (state) => ({ ...state, project: 'alpha', id: 'b' }));
    expect(store.get('a')).toMatchObject({ id: 'a', project: 'alpha' });
    expect(store.get('b').project).toBeUndefined();
  });

  it('should forget a session idle for longer than the TTL', () => {
    let now = 0;
    const store = new InMemorySessionStore({ ttlMs: 1000, now: () => now });
    store.update('a', (state) => ({ ...state, model: 'm' }));
    now = 1000;
    expect(store.get('a').model).toBe('m');
    now = 2001;
    expect(store.get('a')).toEqual(createSessionState('a', 2001));
  });

  it('should evict the least recently used session beyond the cap, and expired ones first', () => {
    let now = 0;
    const store = new InMemorySessionStore({ maxSessions: 2, ttlMs: 50, now: () => now });
    store.update('a', (state) => ({ ...state, model: 'a' }));
    now = 10;
    store.update('b', (state) => ({ ...state, model: 'b' }));
    now = 20;
    store.get('a');
    now = 30;
    store.get('c');
    expect(store.size).toBe(2);
    expect(store.get('a').model).toBe('a');
    expect(store.get('b').model).toBeUndefined();
    now = 500;
    store.get('d');
    expect(store.size).toBe(1);
  });

  it('should use the create option for new sessions', () => {
    const store = new InMemorySessionStore({ now: () => 0, create: (id, now) => createSessionState(id, now, false) });
    expect(store.get('x').interactiveMode).toBe(false);
  });
});

describe('rememberNonForwardable', () => {
  it('should add new identities once and keep the newest 500', () => {
    let state = createSessionState('s', 0);
    state = rememberNonForwardable(state, ['a', 'b', 'a']);
    expect(rememberNonForwardable(state, ['a'])).toBe(state);
    for (let index = 0; index < 600; index += 1) state = rememberNonForwardable(state, [`id-${index}`]);
    expect(state.nonForwardable).toHaveLength(500);
    expect(state.nonForwardable.at(-1)).toBe('id-599');
    expect(state.nonForwardable[0]).toBe('id-100');
  });
});
