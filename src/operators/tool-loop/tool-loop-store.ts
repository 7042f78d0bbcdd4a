import { ToolLoopTracker } from './tool-loop-tracker.js';

/** Gives each session its own tracker (SEED-SPEC §6: one tracker per session). */
export interface ToolLoopTrackerStore {
  trackerFor(sessionId: string): ToolLoopTracker;
}

export interface InMemoryToolLoopTrackerStoreOptions {
  /** Most sessions kept; the least recently used goes first (default 256, as the seed). */
  readonly maxSessions?: number;
  /** A session unused this long is forgotten (default 1 h, as the seed). */
  readonly idleMilliseconds?: number;
  /** Milliseconds clock (default `Date.now`), shared with the trackers it creates. */
  readonly now?: () => number;
}

/**
 * Trackers in memory, bounded like the seed's TTL cache: at most `maxSessions`, least recently
 * used evicted first, and any session idle for `idleMilliseconds` forgotten on the next access.
 * A Map keeps insertion order, and every access re-inserts the session, so the oldest entries
 * are always first and expiry stops at the first fresh one.
 *
 * @example
 * const store = new InMemoryToolLoopTrackerStore();
 * store.trackerFor(sessionId).check('calc', '{"x":1}');
 */
export class InMemoryToolLoopTrackerStore implements ToolLoopTrackerStore {
  private readonly maxSessions: number;
  private readonly idleMilliseconds: number;
  private readonly now: () => number;
  private readonly sessions = new Map<string, { tracker: ToolLoopTracker; usedAt: number }>();

  constructor(options: InMemoryToolLoopTrackerStoreOptions = {}) {
    this.maxSessions = options.maxSessions ?? 256;
    this.idleMilliseconds = options.idleMilliseconds ?? 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  trackerFor(sessionId: string): ToolLoopTracker {
    const now = this.now();
    this.expire(now);
    const existing = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    const tracker = existing?.tracker ?? new ToolLoopTracker({ now: this.now });
    this.sessions.set(sessionId, { tracker, usedAt: now });
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next();
      if (oldest.done === true) break;
      this.sessions.delete(oldest.value);
    }
    return tracker;
  }

  /** Number of sessions held (for diagnostics and tests). */
  get size(): number {
    return this.sessions.size;
  }

  private expire(now: number): void {
    for (const [sessionId, entry] of this.sessions) {
      if (now - entry.usedAt <= this.idleMilliseconds) return;
      this.sessions.delete(sessionId);
    }
  }
}
