import type { Usage } from '../../streams/canonical-chunk.js';
import type { GeminiUsageMetadata } from './gemini-wire.js';

/**
 * Converts Gemini `usageMetadata` to canonical usage (PROTOCOLS.md A.7 usage table).
 * `candidatesTokenCount` excludes thought tokens while `totalTokenCount` includes them, so output
 * is candidates + thoughts. Returns `undefined` when the metadata holds no count at all (Vertex
 * sends `{trafficType}` alone on intermediate chunks).
 *
 * @example
 * convertGeminiUsage({ promptTokenCount: 9, candidatesTokenCount: 23, thoughtsTokenCount: 185, totalTokenCount: 217 });
 * // { inputTokens: 9, outputTokens: 208, reasoningTokens: 185, totalTokens: 217, raw: {...} }
 */
export function convertGeminiUsage(metadata: GeminiUsageMetadata | null | undefined): Usage | undefined {
  if (metadata === null || metadata === undefined) return undefined;
  const prompt = metadata.promptTokenCount ?? undefined;
  const candidates = metadata.candidatesTokenCount ?? undefined;
  const thoughts = metadata.thoughtsTokenCount ?? undefined;
  const cached = metadata.cachedContentTokenCount ?? undefined;
  const total = metadata.totalTokenCount ?? undefined;
  if (prompt === undefined && candidates === undefined && thoughts === undefined && total === undefined) return undefined;
  const output = candidates === undefined && thoughts === undefined ? undefined : (candidates ?? 0) + (thoughts ?? 0);
  return {
    ...{},
    ...(prompt === undefined ? {} : { inputTokens: prompt }),
    ...(output === undefined ? {} : { outputTokens: output }),
    ...(thoughts === undefined ? {} : { reasoningTokens: thoughts }),
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
    ...(total === undefined ? {} : { totalTokens: total }),
    raw: metadata as Readonly<Record<string, unknown>>,
  };
}

/**
 * Renders canonical usage as Gemini `usageMetadata`. When the usage came from Gemini its raw
 * numbers are used as they were; otherwise candidates = output − reasoning.
 *
 * @example
 * toGeminiUsageMetadata({ inputTokens: 5, outputTokens: 7 });
 * // { promptTokenCount: 5, candidatesTokenCount: 7, totalTokenCount: 12 }
 */
export function toGeminiUsageMetadata(usage: Usage): Record<string, number> {
  const raw = usage.raw;
  if (raw !== undefined && typeof raw.promptTokenCount === 'number' && typeof raw.totalTokenCount === 'number') {
    const copy: Record<string, number> = {};
    for (const key of ['promptTokenCount', 'candidatesTokenCount', 'totalTokenCount', 'thoughtsTokenCount', 'cachedContentTokenCount']) {
      const value = raw[key];
      if (typeof value === 'number') copy[key] = value;
    }
    return copy;
  }
  const input = usage.inputTokens ?? 0;
  const reasoning = usage.reasoningTokens ?? 0;
  const candidates = Math.max(0, (usage.outputTokens ?? 0) - reasoning);
  return {
    promptTokenCount: input,
    candidatesTokenCount: candidates,
    totalTokenCount: usage.totalTokens ?? input + candidates + reasoning,
    ...(reasoning > 0 ? { thoughtsTokenCount: reasoning } : {}),
    ...(usage.cachedInputTokens === undefined ? {} : { cachedContentTokenCount: usage.cachedInputTokens }),
  };
}
