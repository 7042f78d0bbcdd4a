export interface KeyHealthOptions {
  /** Milliseconds since the epoch; injected so tests drive the clock. */
  readonly now: () => number;
  /** First backoff after a 429 without Retry-After (doubles each time). Default 1 s. */
  readonly baseBackoffMs?: number;
  /** Cap of the exponential backoff. Default 5 min. */
  readonly maxBackoffMs?: number;
}

interface KeyState {
  /** Cooling down until this instant (ms); 0 when not cooling. */
  coolUntil: number;
  /** 429s since the last success; drives the backoff exponent. */
  rateLimits: number;
  bad: boolean;
}

interface BackendState {
  readonly keys: Map<string, KeyState>;
  /** The key `order` put first last time, so the next call starts after it. */
  lastFirst: string | undefined;
}

/**
 * Health of API keys per backend, shared by every request and session of the process: round-robin
 * order over healthy keys, cooldowns after 429 (Retry-After, else 1 s, 2 s, 4 s… capped at 5 min,
 * reset by a success) and keys marked bad after 401/403 until restart.
 *
 * @example
 * const health = new KeyHealth({ now: () => Date.now() });
 * health.order('gemini', ['K1', 'K2', 'K3']); // → ['K1', 'K2', 'K3']
 * health.order('gemini', ['K1', 'K2', 'K3']); // → ['K2', 'K3', 'K1']
 * health.reportRateLimited('gemini', 'K3', 30);
 * health.order('gemini', ['K1', 'K2', 'K3']); // → ['K1', 'K2'] (K3 cools for 30 s)
 */
export class KeyHealth {
  private readonly backends = new Map<string, BackendState>();
  private readonly now: () => number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(options: KeyHealthOptions) {
    this.now = options.now;
    this.baseBackoffMs = options.baseBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 300_000;
  }

  /**
   * The usable keys, rotated so that the key after last call's first comes first (in the given
   * order, skipping keys that are cooling down or bad). Empty when none is usable: see
   * {@link nextAvailableAt} for a Retry-After.
   */
  order(backend: string, keyNames: readonly string[]): string[] {
    const usable = keyNames.filter((key) => this.isUsable(backend, key));
    if (usable.length === 0) return [];
    const state = this.backend(backend);
    const start = state.lastFirst === undefined ? 0 : nextAfter(keyNames, usable, state.lastFirst);
    const ordered = [...usable.slice(start), ...usable.slice(0, start)];
    state.lastFirst = ordered[0];
    return ordered;
  }

  /** Whether a key is neither bad nor cooling down now. */
  isUsable(backend: string, key: string): boolean {
    const state = this.backends.get(backend)?.keys.get(key);
    return state === undefined || (!state.bad && state.coolUntil <= this.now());
  }

  /** Whether a key was marked bad (401/403). */
  isBad(backend: string, key: string): boolean {
    return this.backends.get(backend)?.keys.get(key)?.bad === true;
  }

  /** The earliest instant (ms) a cooling key of the backend becomes usable; undefined if none cools. */
  nextAvailableAt(backend: string): number | undefined {
    const now = this.now();
    let earliest: number | undefined;
    for (const state of this.backends.get(backend)?.keys.values() ?? []) {
      if (!state.bad && state.coolUntil > now && (earliest === undefined || state.coolUntil < earliest)) {
        earliest = state.coolUntil;
      }
    }
    return earliest;
  }

  reportSuccess(backend: string, key: string): void {
    const state = this.backends.get(backend)?.keys.get(key);
    if (state === undefined || state.bad) return;
    state.coolUntil = 0;
    state.rateLimits = 0;
  }

  /** Cools the key for `retryAfterSeconds`, or for the next exponential backoff step. */
  reportRateLimited(backend: string, key: string, retryAfterSeconds?: number): void {
    const state = this.key(backend, key);
    const backoff = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** Math.min(state.rateLimits, 30));
    const wait = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0
      ? retryAfterSeconds * 1_000
      : backoff;
    state.rateLimits += 1;
    state.coolUntil = Math.max(state.coolUntil, this.now() + wait);
  }

  /** Marks the key bad until restart; true only the first time, so the caller logs it once. */
  reportAuthFailure(backend: string, key: string): boolean {
    const state = this.key(backend, key);
    if (state.bad) return false;
    state.bad = true;
    return true;
  }

  private backend(backend: string): BackendState {
    let state = this.backends.get(backend);
    if (state === undefined) {
      state = { keys: new Map(), lastFirst: undefined };
      this.backends.set(backend, state);
    }
    return state;
  }

  private key(backend: string, key: string): KeyState {
    const keys = this.backend(backend).keys;
    let state = keys.get(key);
    if (state === undefined) {
      state = { coolUntil: 0, rateLimits: 0, bad: false };
      keys.set(key, state);
    }
    return state;
  }
}

/** Index in `usable` of the first usable key that comes after `last` in the full (cyclic) order. */
function nextAfter(all: readonly string[], usable: readonly string[], last: string): number {
  const lastIndex = all.indexOf(last);
  if (lastIndex === -1) return 0;
  for (let step = 1; step <= all.length; step += 1) {
    const candidate = all[(lastIndex + step) % all.length];
    const index = usable.indexOf(candidate);
    if (index !== -1) return index;
  }
  return 0;
}
