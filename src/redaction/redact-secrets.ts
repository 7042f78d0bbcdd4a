import {
  bearerSchemeSource,
  bearerTokenSource,
  candidatePrefixSource,
  hasHexKeyCandidate,
  secretPatterns,
  tokenBoundarySource,
} from './secret-patterns.js';

/** The prompt-redaction marker of the seed (SEED-SPEC §11.6). */
export const PROMPT_REDACTION_MARKER = '(API_KEY_HAS_BEEN_REDACTED)';
/** The marker written in captures, logs and error bodies (SEED-SPEC §8). */
export const CAPTURE_REDACTION_MARKER = '[REDACTED]';

export interface RedactionResult {
  readonly text: string;
  /** How many secrets were replaced (0 means `text` is the input, unchanged). */
  readonly count: number;
}

export type SecretRedactor = (text: string) => RedactionResult;

export interface SecretRedactorOptions {
  /** Exact values to redact wherever they occur: configured backend keys, proxy keys. */
  readonly knownSecrets?: readonly string[];
  readonly marker?: string;
  /** Also redact the common key formats of `secret-patterns.ts` (default true). */
  readonly patterns?: boolean;
  /**
   * Known values shorter than this are ignored (default 6): a two-letter "key" would shred
   * ordinary prose, and no real credential is that short.
   */
  readonly minKnownSecretLength?: number;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const patternAlternation =
  `${tokenBoundarySource}(?:${bearerSchemeSource}${bearerTokenSource}|` +
  secretPatterns.map((pattern) => pattern.source).join('|') +
  ')';

/**
 * Builds a redactor that replaces known secret values and common API-key formats with a marker.
 *
 * Known values are matched exactly, longest first (a short key that is a prefix of a longer one
 * never leaves the longer key's tail behind, SEED-SPEC §13.15), and before the format patterns.
 * Everything is one precompiled regex, and a cheap literal pre-check skips texts that hold no
 * candidate at all, so the common case costs one scan and no allocation.
 *
 * @param options Known secrets, the marker and whether format patterns apply.
 * @example
 * const redact = createSecretRedactor({ knownSecrets: [process.env.OPENAI_API_KEY ?? ''] });
 * redact('my key is sk-proj-AbC123...') // → { text: 'my key is (API_KEY_HAS_BEEN_REDACTED)', count: 1 }
 * redact('Authorization: Bearer eyJhbGciOi.x1')    // → 'Authorization: Bearer (API_KEY_HAS_BEEN_REDACTED)'
 */
export function createSecretRedactor(options: SecretRedactorOptions = {}): SecretRedactor {
  const marker = options.marker ?? PROMPT_REDACTION_MARKER;
  const known = knownSecretSources(options);
  const usePatterns = options.patterns ?? true;

  const alternatives = [...known, ...(usePatterns ? [patternAlternation] : [])];
  if (alternatives.length === 0) return (text) => ({ text, count: 0 });

  // The known values come first in the alternation: at a given position the regex engine tries
  // alternatives in order, which is what makes "longest first" hold.
  const full = new RegExp(alternatives.join('|'), 'g');
  const mayHoldSecret = precheckOf(known, usePatterns);

  return (text) => {
    if (text.length === 0 || !mayHoldSecret(text)) return { text, count: 0 };
    let count = 0;
    // With the format patterns on, the only capturing group is the Bearer scheme; without them
    // there is no group and the second argument is the match offset (a number).
    const redacted = text.replace(full, (_match: string, scheme: unknown) => {
      count += 1;
      return (typeof scheme === 'string' ? scheme : '') + marker;
    });
    return count === 0 ? { text, count } : { text: redacted, count };
  };
}

/** The known values as regex sources, longest first, too-short ones left out. */
function knownSecretSources(options: SecretRedactorOptions): string[] {
  const minLength = options.minKnownSecretLength ?? 6;
  return [...new Set(options.knownSecrets ?? [])]
    .filter((secret) => secret.trim().length >= minLength)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
}

/**
 * The redactor's cheap pre-check: false means the text holds no secret the redactor (built with
 * the same options) would replace. Every candidate is a literal of letters, digits and `-_.`, so
 * it also holds for JSON text whose strings hold the secret, and for the Latin-1 view of UTF-8
 * bytes, as long as no known value has a quote, a backslash or a control character (see
 * `precheckFitsJson`).
 */
export function createSecretPrecheck(options: SecretRedactorOptions = {}): (text: string) => boolean {
  return precheckOf(knownSecretSources(options), options.patterns ?? true);
}

function precheckOf(known: readonly string[], usePatterns: boolean): (text: string) => boolean {
  const candidates = [...known, ...(usePatterns ? [candidatePrefixSource] : [])];
  if (candidates.length === 0) return () => false;
  const precheck = new RegExp(candidates.join('|'));
  return usePatterns ? (text) => precheck.test(text) || hasHexKeyCandidate(text) : (text) => precheck.test(text);
}

/** Whether the pre-check may be run on JSON text and raw bytes (see `createSecretPrecheck`). */
export function precheckFitsJson(options: SecretRedactorOptions = {}): boolean {
  return (options.knownSecrets ?? []).every((secret) => !/["\\\u0000-\u001f\u0080-\uffff]/.test(secret));
}
