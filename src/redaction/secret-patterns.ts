/**
 * Regex sources for the common API-key formats (SEED-SPEC §11.6, plus the formats the seed's docs
 * list). Each is a source string, not a RegExp, so {@link createSecretRedactor} can fold them all
 * into one precompiled alternation.
 *
 * Every pattern starts after a non-alphanumeric character (or at the start of the text), so
 * `task-force` or `risk-…` never look like an `sk-` key. Formats whose prefix is short and could
 * be prose (`sk-`, `Bearer`) also require the body to look random (see `randomBody`), so words
 * such as `sk-learn-is-a-python-library` or `Bearer Authentication` stay untouched.
 */
export interface SecretPattern {
  /** What the pattern catches, for tests and docs. */
  readonly name: string;
  /** Regex source; must not contain capturing groups (the Bearer scheme is the only one). */
  readonly source: string;
}

/**
 * A random-looking body: a digit somewhere, or an upper-case letter after a lower-case one.
 * `Authentication` (capital first) and `ASIAPACIFIC` (all caps) are words; `eyJhbGci` is not.
 */
const randomBody = (chars: string, min: number): string =>
  `(?=${chars}*(?:[0-9]|[a-z]${chars}*[A-Z]))${chars}{${min},}`;

export const secretPatterns: readonly SecretPattern[] = [
  { name: 'anthropic', source: 'sk-ant-[A-Za-z0-9_-]{20,}' },
  { name: 'openrouter', source: 'sk-or-v1-[A-Za-z0-9]{20,}' },
  { name: 'openai-project', source: 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}' },
  { name: 'openai', source: `sk-${randomBody('[A-Za-z0-9_-]', 20)}` },
  { name: 'stripe-style', source: '[sr]k_(?:live|test)_[A-Za-z0-9]{16,}' },
  { name: 'google', source: 'AIza[0-9A-Za-z_-]{35,}' },
  { name: 'groq', source: 'gsk_[A-Za-z0-9]{20,}' },
  { name: 'xai', source: 'xai-[A-Za-z0-9]{20,}' },
  { name: 'github', source: 'gh[pousr]_[A-Za-z0-9]{30,}' },
  { name: 'github-fine-grained', source: 'github_pat_[A-Za-z0-9_]{22,}' },
  { name: 'huggingface', source: 'hf_[A-Za-z0-9]{30,}' },
  // AWS access key ids are exactly 20 characters; the right boundary keeps
  // `ASIAPACIFICREGIONALOFFICES` (an ordinary upper-case word) out.
  { name: 'aws-access-key-id', source: '(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])' },
  { name: 'slack', source: 'xox[abposr]-[A-Za-z0-9-]{10,}' },
  // Z.AI keys: 32 hex characters, a dot, then a secret part.
  { name: 'zai', source: '[0-9a-f]{32}\\.[A-Za-z0-9]{16,}' },
];

/** `Bearer <token>`: the scheme is kept, the token (which must look random) is replaced. */
export const bearerSchemeSource = '([Bb]earer[ \\t]+)';
// `_` is in the class so `Bearer ghp_…` is replaced whole, never leaving a key's tail behind.
export const bearerTokenSource = randomBody('[A-Za-z0-9._~+/_-]', 16) + '=*';

/** Matches only where a key could begin: no letter or digit right before it. */
export const tokenBoundarySource = '(?<![A-Za-z0-9])';

/**
 * Cheap pre-check: a text none of these literals occurs in cannot hold a pattern match, so the
 * full regex (with its look-arounds) never runs on ordinary prose. Each is as long as the
 * pattern allows (`1.0` or `task_id` are everywhere in requests), and none has a look-behind, so
 * it also holds for JSON text, where an escape (`\n`) puts a letter before a key.
 */
export const candidatePrefixSource = '(?:sk-|[sr]k_(?:live|test)_|AIza|gsk_|xai-|gh[pousr]_|github_pat_|hf_|A[KSBC][IC]A|xox|[Bb]earer)';

/**
 * The pre-check for Z.AI keys, which start with no literal: 32 lower-case hex characters right
 * before a dot. As a regex (`[0-9a-f]{32}\\.`) it cost six times the other candidates together on
 * hex-rich JSON; looking back from each dot is cheap, dots being rare.
 */
export function hasHexKeyCandidate(text: string): boolean {
  for (let dot = text.indexOf('.', 32); dot !== -1; dot = text.indexOf('.', dot + 1)) {
    let index = dot - 1;
    const stop = dot - 32;
    for (; index >= stop; index -= 1) {
      const code = text.charCodeAt(index);
      if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102))) break;
    }
    if (index < stop) return true;
  }
  return false;
}
