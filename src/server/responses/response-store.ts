import type { CanonicalMessage } from '../../streams/canonical-request.js';

export interface ResponseStoreOptions {
  /** Most responses kept per session (default 200). */
  readonly maxPerSession?: number;
  /** Most responses kept in all (default 2000). */
  readonly maxTotal?: number;
  /** How long an unused response is kept, in milliseconds (default one hour). */
  readonly ttlMs?: number;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
}

interface Entry {
  readonly sessionId: string;
  readonly responseId: string;
  readonly messages: readonly CanonicalMessage[];
  lastUsed: number;
}

/**
 * The recent Responses conversations, so a follow-up with `previous_response_id` can continue
 * one: per session, the whole conversation after each response (the request's messages plus the
 * reply as an assistant message). Bounded (least recently used first out, per session and in
 * all) and forgetful (an entry unused for `ttlMs` is gone). Memory only: a restart forgets,
 * and a client then gets a 404 for the id, as with an expired one.
 *
 * A response is found only under the session that created it, so one client cannot continue
 * another's conversation by guessing ids.
 *
 * @example
 * const store = new ResponseStore({ now: () => clock });
 * store.save('session-1', 'resp_1', [...request.messages, assistantMessage]);
 * store.load('session-1', 'resp_1'); // the messages; undefined for another session or after an hour
 */
export class ResponseStore {
  private readonly maxPerSession: number;
  private readonly maxTotal: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** Every entry, least recently used first (Map keeps insertion order; a use re-inserts). */
  private readonly entries = new Map<string, Entry>();
  /** Per session: its entry keys, least recently used first. */
  private readonly sessions = new Map<string, Set<string>>();

  constructor(options: ResponseStoreOptions = {}) {
    this.maxPerSession = options.maxPerSession ?? 200;
    this.maxTotal = options.maxTotal ?? 2000;
    this.ttlMs = options.ttlMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  save(sessionId: string, responseId: string, messages: readonly CanonicalMessage[]): void {
    const now = this.now();
    this.dropExpired(now);
    const key = keyOf(sessionId, responseId);
    this.remove(key);
    this.entries.set(key, { sessionId, responseId, messages, lastUsed: now });
    let session = this.sessions.get(sessionId);
    if (session === undefined) this.sessions.set(sessionId, (session = new Set()));
    session.add(key);
    if (session.size > this.maxPerSession) this.remove(session.values().next().value as string);
    if (this.entries.size > this.maxTotal) this.remove(this.entries.keys().next().value as string);
  }

  load(sessionId: string, responseId: string): readonly CanonicalMessage[] | undefined {
    const now = this.now();
    this.dropExpired(now);
    const key = keyOf(sessionId, responseId);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.lastUsed = now;
    this.entries.delete(key);
    this.entries.set(key, entry);
    const session = this.sessions.get(sessionId);
    session?.delete(key);
    session?.add(key);
    return entry.messages;
  }

  /** Entries are in last-use order, so the expired ones are all at the front. */
  private dropExpired(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.lastUsed < this.ttlMs) return;
      this.remove(key);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    const session = this.sessions.get(entry.sessionId);
    session?.delete(key);
    if (session?.size === 0) this.sessions.delete(entry.sessionId);
  }
}

function keyOf(sessionId: string, responseId: string): string {
  return `${sessionId}\u0000${responseId}`;
}
