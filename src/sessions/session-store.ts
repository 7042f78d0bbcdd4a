import type { SessionState } from './session-state.js';

/**
 * Where session state lives, keyed by session id (`x-session-id`).
 *
 * Isolation contract: a session's state is only ever read or written through its own id; no
 * implementation may share state objects or fields between ids, and commands only ever receive
 * the state of the session that sent them. So nothing set in one session (model, prefix,
 * project, one-off route…) can appear in another. Proxy-wide settings (failover routes, the
 * default backend) are deliberately not session state.
 *
 * The interface is synchronous so the in-memory store stays simple; a shared store (Redis…)
 * would cache per request and write back after the update.
 */
export interface SessionStore {
  /** The session's state, created (fresh) when unknown or expired. */
  get(id: string): SessionState;
  /** Replaces the session's state with `update(current)` and returns it. */
  update(id: string, update: (state: SessionState) => SessionState): SessionState;
}
