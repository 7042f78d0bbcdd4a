/** Per-minute budgets of one model (`requests_per_minute`, `tokens_per_minute`). */
export interface RateLimits {
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

export type RateCheck = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export interface RateLimiterOptions {
  /** Milliseconds since the epoch; injected. */
  readonly now: () => number;
  /** The limits of a model key (as `resolveModelLimits` gives them); undefined for none. */
  readonly limitsOf: (modelKey: string) => RateLimits | undefined;
  /** The window length. Default 60 s. */
  readonly windowMs?: number;
}

interface Window {
  /** Send times and token counts, oldest first; `head` skips the entries already dropped. */
  readonly times: number[];
  readonly tokens: number[];
  head: number;
  tokenSum: number;
}

/**
 * Sliding-window rate limits per model, checked before any upstream call so the gateway answers
 * 429 with a Retry-After instead of spending an upstream request. Entries older than the window
 * are dropped on every call (memory stays bounded by the traffic of one window); an idle key is
 * forgotten entirely. A single request larger than the whole token budget passes when the window
 * is empty, so it is not refused forever.
 *
 * @example
 * const limiter = new RateLimiter({ now: Date.now, limitsOf: () => ({ requestsPerMinute: 2 }) });
 * limiter.check('openai:gpt-4o', 100); // → { ok: true }, then limiter.record('openai:gpt-4o', 100)
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private readonly limitsOf: (modelKey: string) => RateLimits | undefined;
  private readonly windowMs: number;

  constructor(options: RateLimiterOptions) {
    this.now = options.now;
    this.limitsOf = options.limitsOf;
    this.windowMs = options.windowMs ?? 60_000;
  }

  /** Whether one more request of `tokens` fits now; when not, how long until it would. */
  check(modelKey: string, tokens: number): RateCheck {
    const limits = this.limitsOf(modelKey);
    if (limits === undefined) return { ok: true };
    const window = this.prune(modelKey);
    if (window === undefined) return { ok: true };
    const now = this.now();
    const count = window.times.length - window.head;
    let waitMs = 0;
    const rpm = limits.requestsPerMinute;
    if (rpm !== undefined && rpm > 0 && count + 1 > rpm) {
      // The oldest entries must leave until only rpm - 1 remain.
      waitMs = Math.max(waitMs, window.times[window.head + count - rpm] + this.windowMs - now);
    }
    const tpm = limits.tokensPerMinute;
    if (tpm !== undefined && tpm > 0 && window.tokenSum + tokens > tpm) {
      waitMs = Math.max(waitMs, this.tokenWait(window, tokens, tpm, now));
    }
    return waitMs <= 0 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1_000)) };
  }

  /** Books one request of `tokens` at the current time. */
  record(modelKey: string, tokens: number): void {
    if (this.limitsOf(modelKey) === undefined) return;
    let window = this.prune(modelKey);
    if (window === undefined) {
      window = { times: [], tokens: [], head: 0, tokenSum: 0 };
      this.windows.set(modelKey, window);
    }
    window.times.push(this.now());
    window.tokens.push(tokens);
    window.tokenSum += tokens;
  }

  /** How many model keys hold entries (for tests of the memory bound). */
  get trackedKeys(): number {
    return this.windows.size;
  }

  /** Time until enough old entries leave for `tokens` more to fit (0 when it fits or never can). */
  private tokenWait(window: Window, tokens: number, tpm: number, now: number): number {
    let sum = window.tokenSum;
    for (let index = window.head; index < window.times.length; index += 1) {
      sum -= window.tokens[index];
      // Oversized requests only need an empty window; others need room under the budget.
      if (sum + tokens <= tpm || (tokens > tpm && sum === 0 && index === window.times.length - 1)) {
        return window.times[index] + this.windowMs - now;
      }
    }
    return 0;
  }

  private prune(modelKey: string): Window | undefined {
    const window = this.windows.get(modelKey);
    if (window === undefined) return undefined;
    const horizon = this.now() - this.windowMs;
    while (window.head < window.times.length && window.times[window.head] <= horizon) {
      window.tokenSum -= window.tokens[window.head];
      window.head += 1;
    }
    if (window.head === window.times.length) {
      this.windows.delete(modelKey);
      return undefined;
    }
    if (window.head > 1_024 && window.head * 2 > window.times.length) {
      window.times.splice(0, window.head);
      window.tokens.splice(0, window.head);
      window.head = 0;
    }
    return window;
  }
}
