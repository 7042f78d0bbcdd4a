import { describe, expect, it } from 'vitest';
import { SignatureStore, type SignatureRecord } from './signature-store.js';

const gemini = (thoughtSignature: string): SignatureRecord => ({ family: 'gemini', thoughtSignature, reasoning: [] });

describe('SignatureStore', () => {
  it('should return what was stored for a session and tool-call id, and nothing for another session', () => {
    const store = new SignatureStore();
    store.set('s1', 'call_1', gemini('sig-1'));
    expect(store.get('s1', 'call_1')).toEqual(gemini('sig-1'));
    expect(store.get('s2', 'call_1')).toBeUndefined();
    expect(store.get('s1', 'call_2')).toBeUndefined();
  });

  it('should forget a record once its time to live has passed, by the injected clock', () => {
    let clock = 1_000;
    const store = new SignatureStore({ ttlMs: 60_000, now: () => clock });
    store.set('s', 'c', gemini('sig'));
    clock += 59_999;
    expect(store.get('s', 'c')?.thoughtSignature).toBe('sig');
    clock += 1;
    expect(store.get('s', 'c')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('should default to a one hour time to live', () => {
    let clock = 0;
    const store = new SignatureStore({ now: () => clock });
    store.set('s', 'c', gemini('sig'));
    clock = 60 * 60 * 1000 - 1;
    expect(store.get('s', 'c')).toBeDefined();
    clock = 60 * 60 * 1000;
    expect(store.get('s', 'c')).toBeUndefined();
  });

  it('should evict the least recently used record past maxEntries', () => {
    const store = new SignatureStore({ maxEntries: 2 });
    store.set('s', 'a', gemini('A'));
    store.set('s', 'b', gemini('B'));
    store.get('s', 'a'); // a is now the most recent
    store.set('s', 'c', gemini('C'));
    expect(store.size).toBe(2);
    expect(store.get('s', 'b')).toBeUndefined();
    expect(store.get('s', 'a')?.thoughtSignature).toBe('A');
    expect(store.get('s', 'c')?.thoughtSignature).toBe('C');
  });

  it('should hold at most 10 000 records by default', () => {
    const store = new SignatureStore();
    for (let index = 0; index < 10_050; index++) store.set('s', `call_${index}`, gemini('x'));
    expect(store.size).toBe(10_000);
    expect(store.get('s', 'call_49')).toBeUndefined();
    expect(store.get('s', 'call_50')).toBeDefined();
  });

  it('should keep the characters held under maxChars, and refuse a record larger than the budget', () => {
    const store = new SignatureStore({ maxChars: 10 });
    store.set('s', 'a', { family: 'anthropic', reasoning: [{ type: 'reasoning', text: 'abcd', providerMetadata: { anthropic: { signature: 'ef' } } }] });
    store.set('s', 'b', gemini('123456'));
    expect(store.get('s', 'a')).toBeUndefined();
    expect(store.get('s', 'b')).toBeDefined();
    store.set('s', 'huge', gemini('x'.repeat(11)));
    expect(store.get('s', 'huge')).toBeUndefined();
    expect(store.get('s', 'b')).toBeDefined();
  });

  it('should replace a record written again under the same key', () => {
    const store = new SignatureStore({ maxChars: 8 });
    store.set('s', 'a', gemini('12345'));
    store.set('s', 'a', gemini('67890'));
    expect(store.size).toBe(1);
    expect(store.get('s', 'a')?.thoughtSignature).toBe('67890');
  });
});
