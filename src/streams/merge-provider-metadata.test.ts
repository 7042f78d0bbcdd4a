import { describe, expect, it } from 'vitest';
import { mergeProviderMetadata } from './merge-provider-metadata.js';

describe('mergeProviderMetadata', () => {
  it('should merge fields per protocol, the later side winning', () => {
    expect(
      mergeProviderMetadata({ anthropic: { a: 1, b: 1 }, openai: { x: 1 } }, { anthropic: { b: 2 }, gemini: { s: 's' } }),
    ).toEqual({ anthropic: { a: 1, b: 2 }, openai: { x: 1 }, gemini: { s: 's' } });
  });

  it('should return the other side when one side is absent', () => {
    const only = { gemini: { thoughtSignature: 'x' } };
    expect(mergeProviderMetadata(undefined, only)).toBe(only);
    expect(mergeProviderMetadata(only, undefined)).toBe(only);
    expect(mergeProviderMetadata(undefined, undefined)).toBeUndefined();
  });

  it('should not modify its inputs', () => {
    const base = { anthropic: { a: 1 } };
    mergeProviderMetadata(base, { anthropic: { a: 2 } });
    expect(base).toEqual({ anthropic: { a: 1 } });
  });
});
