import { describe, expect, it } from 'vitest';
import { TokenCountCache } from './token-count-cache.js';

describe('TokenCountCache', () => {
  it('should remember long texts and measure short ones every time', () => {
    const cache = new TokenCountCache(5, 100);
    let calls = 0;
    const count = (text: string): number => {
      calls += 1;
      return text.length;
    };
    expect(cache.get('abcdef', count)).toBe(6);
    expect(cache.get('abcdef', count)).toBe(6);
    expect(calls).toBe(1);
    cache.get('abc', count);
    cache.get('abc', count);
    expect(calls).toBe(3);
  });

  it('should evict the least recently used texts past its size', () => {
    const cache = new TokenCountCache(1, 10);
    let calls = 0;
    const count = (text: string): number => {
      calls += 1;
      return text.length;
    };
    cache.get('aaaa', count);
    cache.get('bbbb', count);
    cache.get('aaaa', count);
    cache.get('cccc', count); // 12 chars: 'bbbb' leaves, 'aaaa' was used more recently
    expect(calls).toBe(3);
    cache.get('aaaa', count);
    expect(calls).toBe(3);
    cache.get('bbbb', count);
    expect(calls).toBe(4);
  });
});
