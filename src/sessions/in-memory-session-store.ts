import { createSessionState, type SessionState } from './session-state.js';
import type { SessionStore } from './session-store.js';

export interface InMemorySessionStoreOptions {
  /** Idle time after which a session is forgotten (SEED-SPEC §11.2 `max_age` 86400 s). */
  readonly ttlMs?: number;
  /** The most sessions kept; the least recently used one is dropped first. */
  readonly maxSessions?: number;
  /** Clock in epoch milliseconds (injected for tests). */
  readonly now?: () => number;
  /** Builds a new session's state (for example with interactive mode off by default). */
  readonly create?: (id: string, now: number) => SessionState;
}

/**
 * A {@link SessionStore} in a `Map`, least recently used first: an access moves the session to
 * the end, so eviction (size cap) takes from the front. A session idle for longer than `ttlMs`
 * is replaced by a fresh one on its next access and swept when the store grows.
 *
 * @example
 * const store = new InMemorySessionStore({ maxSessions: 2 });
 * store.update('a', (state) => ({ ...state, model: 'gpt-4o' }));
 * store.get('b').model; // undefined: sessions never share state
 */
export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionState>();
  private readonly ttlMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;
  private readonly create: (id: string, now: number) => SessionState;

  constructor(options: InMemorySessionStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.maxSessions = Math.max(1, options.maxSessions ?? 10_000);
    this.now = options.now ?? Date.now;
    this.create = options.create ?? ((id, now) => createSessionState(id, now));
  }

  /** How many sessions are held (expired ones included until swept). */
  get size(): number {
    return this.sessions.size;
  }

  get(id: string): SessionState {
    const now = this.now();
    const existing = this.sessions.get(id);
    const state = existing !== undefined && now - existing.lastSeenAt <= this.ttlMs ? existing : this.create(id, now);
    return this.store(id, { ...{}, ...state, lastSeenAt: now });
  }

  update(id: string, update: (state: SessionState) => SessionState): SessionState {
    const current = this.get(id);
    // The id is the store's, whatever the update returns: state never moves between sessions.
    return this.store(id, { ...{}, ...update(current), id });
  }

  /** Forgets one session. */
  delete(id: string): boolean {
    return this.sessions.delete(id);
  }

  private store(id: string, state: SessionState): SessionState {
    this.sessions.delete(id);
    this.sessions.set(id, state);
    if (this.sessions.size > this.maxSessions) this.evict(state.lastSeenAt);
    return state;
  }

  /**
   * Drops expired sessions, then the least recently used ones until under the cap. The map is in
   * access order and every access stamps `lastSeenAt`, so expired sessions sit at the front: the
   * loop stops at the first live one, and each insert costs only what it evicts.
   */
  private evict(now: number): void {
    for (const [id, state] of this.sessions) {
      const expired = now - state.lastSeenAt > this.ttlMs;
      if (!expired && this.sessions.size <= this.maxSessions) break;
      this.sessions.delete(id);
    }
  }
}
