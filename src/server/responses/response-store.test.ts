import { describe, expect, it } from 'vitest';
import type { CanonicalMessage } from '../../streams/canonical-request.js';
import { ResponseStore } from './response-store.js';

const conversation = (text: string): CanonicalMessage[] => [
  { role: 'user', content: [{ type: 'text', text }] },
  { role: 'assistant', content: [{ type: 'text', text: `re: ${text}` }] },
];

describe('ResponseStore', () => {
  it('should give back the saved conversation for its session only', () => {
    const store = new ResponseStore();
    store.save('s1', 'resp_1', conversation('hi'));
    expect(store.load('s1', 'resp_1')).toEqual(conversation('hi'));
    expect(store.load('s2', 'resp_1')).toBeUndefined();
    expect(store.load('s1', 'resp_2')).toBeUndefined();
  });

  it('should forget a response unused for the TTL, and keep one that is used', () => {
    let clock = 0;
    const store = new ResponseStore({ ttlMs: 1000, now: () => clock });
    store.save('s', 'old', conversation('a'));
    store.save('s', 'used', conversation('b'));
    clock = 900;
    expect(store.load('s', 'used')).toBeDefined();
    clock = 1000;
    expect(store.load('s', 'old')).toBeUndefined();
    expect(store.load('s', 'used')).toBeDefined();
    clock = 3000;
    expect(store.load('s', 'used')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('should keep at most maxPerSession per session, dropping the least recently used', () => {
    const store = new ResponseStore({ maxPerSession: 2 });
    store.save('s', 'r1', conversation('1'));
    store.save('s', 'r2', conversation('2'));
    store.load('s', 'r1');
    store.save('s', 'r3', conversation('3'));
    expect(store.load('s', 'r2')).toBeUndefined();
    expect(store.load('s', 'r1')).toBeDefined();
    expect(store.load('s', 'r3')).toBeDefined();
    store.save('other', 'r1', conversation('x'));
    expect(store.size).toBe(3);
  });

  it('should keep at most maxTotal in all, dropping the least recently used', () => {
    const store = new ResponseStore({ maxTotal: 3 });
    for (const session of ['a', 'b', 'c', 'd']) store.save(session, 'r', conversation(session));
    expect(store.size).toBe(3);
    expect(store.load('a', 'r')).toBeUndefined();
    expect(store.load('d', 'r')).toEqual(conversation('d'));
  });

  it('should replace a response saved twice under the same id', () => {
    const store = new ResponseStore({ maxPerSession: 2 });
    store.save('s', 'r', conversation('1'));
    store.save('s', 'r', conversation('2'));
    expect(store.size).toBe(1);
    expect(store.load('s', 'r')).toEqual(conversation('2'));
  });
});
