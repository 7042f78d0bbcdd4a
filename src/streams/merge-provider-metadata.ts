import type { ProviderMetadata } from './canonical-chunk.js';

/**
 * Merges two provider-metadata maps one level deep: per protocol key, fields of `next` win.
 * Either side may be absent; the result is `undefined` only when both are.
 *
 * @example
 * mergeProviderMetadata({ anthropic: { a: 1 } }, { anthropic: { signature: 's' } });
 * // { anthropic: { a: 1, signature: 's' } }
 */
export function mergeProviderMetadata(
  base: ProviderMetadata | undefined,
  next: ProviderMetadata | undefined,
): ProviderMetadata | undefined {
  if (next === undefined) return base;
  if (base === undefined) return next;
  const merged: Record<string, Readonly<Record<string, unknown>>> = { ...base };
  for (const [protocol, fields] of Object.entries(next)) {
    const previous = merged[protocol];
    merged[protocol] = previous === undefined ? fields : { ...{}, ...previous, ...fields };
  }
  return merged;
}
