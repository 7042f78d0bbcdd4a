import { toolCallSignature } from './tool-call-signature.js';
import { formatToolLoopBlock, formatToolLoopWarning } from './tool-loop-messages.js';
import { defaultToolLoopSettings, type ToolLoopSettings } from './tool-loop-settings.js';

/** What to do with one tool call. `repetitions` is the count that triggered. */
export type ToolLoopDecision =
  | { readonly action: 'allow' }
  | { readonly action: 'warn'; readonly message: string; readonly repetitions: number }
  | { readonly action: 'block'; readonly message: string; readonly repetitions: number };

export interface ToolLoopTrackerOptions {
  /** Used when `check` gets no settings (default: the seed defaults). */
  readonly settings?: ToolLoopSettings;
  /** Milliseconds clock (default `Date.now`); injected so tests control the TTL. */
  readonly now?: () => number;
  /** Most signatures kept (default 100, as the seed). */
  readonly maxSignatures?: number;
}

interface Entry {
  readonly signature: string;
  readonly at: number;
}

/**
 * Remembers one session's recent tool calls and decides whether a new call is a loop
 * (SEED-SPEC §6). Each check prunes calls older than the TTL, then counts the new call's
 * consecutive run AND its total occurrences within the TTL (interleaved calls count; the pending
 * call is included). When either reaches `maxRepeats`: `break` blocks; `chance_then_break` warns
 * the first time (marking the signature) and blocks "After guidance" while the mark stands.
 * Blocked and warned calls are not added to the history, but they extend the consecutive run,
 * so the 5th identical call reports 5 (as the seed).
 *
 * The seed clears a signature's chance mark whenever its run restarts. With total counting that
 * would warn forever on an interleaved loop (A B A B …), so a mark is cleared when a call of that
 * signature is allowed, or when the signature has left the history.
 *
 * @example
 * const tracker = new ToolLoopTracker();
 * tracker.check('calc', '{"x":1}'); // { action: 'allow' } — three times; the 4th is { action: 'block', … }
 */
export class ToolLoopTracker {
  private readonly defaults: ToolLoopSettings;
  private readonly now: () => number;
  private readonly maxSignatures: number;
  private history: Entry[] = [];
  /** The trailing run of the history: its signature and length (plus blocked repeats). */
  private run: { signature: string; count: number } | undefined;
  private readonly marks = new Set<string>();

  constructor(options: ToolLoopTrackerOptions = {}) {
    this.defaults = options.settings ?? defaultToolLoopSettings;
    this.now = options.now ?? Date.now;
    this.maxSignatures = options.maxSignatures ?? 100;
  }

  /** Decides on one call and records it when allowed. */
  check(toolName: string, argumentsJson: string, settings: ToolLoopSettings = this.defaults): ToolLoopDecision {
    const now = this.now();
    this.prune(now, settings.ttlSeconds);
    const signature = toolCallSignature(toolName, argumentsJson);
    const consecutive = this.run?.signature === signature ? this.run.count + 1 : 1;
    let total = 1;
    for (const entry of this.history) if (entry.signature === signature) total += 1;
    const repetitions = Math.max(consecutive, total);

    if (repetitions < settings.maxRepeats) {
      this.marks.delete(signature);
      this.append({ signature, at: now }, consecutive);
      return { action: 'allow' };
    }
    if (this.run?.signature === signature) this.run.count = consecutive;
    if (settings.mode === 'chance_then_break' && !this.marks.has(signature)) {
      this.marks.add(signature);
      return { action: 'warn', message: formatToolLoopWarning(toolName, repetitions), repetitions };
    }
    const message = formatToolLoopBlock(toolName, repetitions, settings.ttlSeconds, this.marks.has(signature));
    return { action: 'block', message, repetitions };
  }

  /** Number of calls remembered (for diagnostics and tests). */
  get size(): number {
    return this.history.length;
  }

  private append(entry: Entry, consecutive: number): void {
    this.history.push(entry);
    this.run = { signature: entry.signature, count: consecutive };
    if (this.history.length > this.maxSignatures) {
      this.history.splice(0, this.history.length - this.maxSignatures);
      this.dropStaleMarks();
    }
  }

  /** Drops calls older than the TTL (the seed: age > TTL) and recomputes the trailing run. */
  private prune(now: number, ttlSeconds: number): void {
    const limit = ttlSeconds * 1000;
    let expired = 0;
    while (expired < this.history.length && now - this.history[expired].at > limit) expired += 1;
    if (expired === 0) return;
    this.history.splice(0, expired);
    const last = this.history.at(-1);
    if (last === undefined) {
      this.run = undefined;
    } else {
      let count = 0;
      for (let index = this.history.length - 1; index >= 0 && this.history[index].signature === last.signature; index -= 1) {
        count += 1;
      }
      this.run = { signature: last.signature, count };
    }
    this.dropStaleMarks();
  }

  private dropStaleMarks(): void {
    if (this.marks.size === 0) return;
    const present = new Set(this.history.map((entry) => entry.signature));
    for (const signature of this.marks) if (!present.has(signature)) this.marks.delete(signature);
  }
}
