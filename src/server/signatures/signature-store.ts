import type { ReasoningPart } from '../../streams/canonical-request.js';

/** The backend families whose signatures the gateway keeps; a record goes back only to its own family. */
export type SignatureFamily = 'gemini' | 'anthropic';

/**
 * What one tool call left behind that its client may not be able to send back: Gemini's
 * `thoughtSignature` of the `functionCall` part (and whether the gateway made up the call id), or
 * the signed / redacted Anthropic thinking blocks that preceded the `tool_use` in its response.
 */
export interface SignatureRecord {
  readonly family: SignatureFamily;
  readonly thoughtSignature?: string;
  /** Gemini sent the call without an id; the gateway's id must not go back to Gemini. */
  readonly generatedId?: boolean;
  /** Signed reasoning parts, text and `providerMetadata.anthropic` exactly as they were streamed. */
  readonly reasoning: readonly ReasoningPart[];
}

export interface SignatureStoreOptions {
  /** Most records kept; the least recently used goes first. Default 10 000. */
  readonly maxEntries?: number;
  /** How long a record lives after it was written, in ms. Default one hour. */
  readonly ttlMs?: number;
  /** Bound on the characters held (signatures and thinking text); default 32 M. */
  readonly maxChars?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly record: SignatureRecord;
  readonly expiresAt: number;
  readonly chars: number;
}

/**
 * A bounded, TTL'd map from (session, client-visible tool-call id) to the signatures of that
 * call. Keys are scoped by session so that one client can never pull another's reasoning text
 * into its own request by sending a foreign tool-call id. Least recently used entries are
 * evicted past `maxEntries` or `maxChars`; expired ones are dropped when read.
 *
 * @example
 * const store = new SignatureStore({ now: () => clock });
 * store.set('session-1', 'call_1', { family: 'gemini', thoughtSignature: 'sig', reasoning: [] });
 * store.get('session-1', 'call_1')?.thoughtSignature; // 'sig'
 */
export class SignatureStore {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly maxChars: number;
  private readonly now: () => number;
  private chars = 0;

  constructor(options: SignatureStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.maxChars = options.maxChars ?? 32 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** The number of records held (expired ones included until they are read or evicted). */
  get size(): number {
    return this.entries.size;
  }

  set(scope: string, toolCallId: string, record: SignatureRecord): void {
    const key = keyOf(scope, toolCallId);
    this.remove(key);
    const chars = charsOf(record);
    if (chars > this.maxChars) return; // one record larger than the whole budget is not kept
    this.entries.set(key, { record, expiresAt: this.now() + this.ttlMs, chars });
    this.chars += chars;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.remove(oldest);
    }
  }

  get(scope: string, toolCallId: string): SignatureRecord | undefined {
    const key = keyOf(scope, toolCallId);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.chars -= entry.chars;
      return undefined;
    }
    this.entries.set(key, entry); // re-inserted: Map order is the recency order
    return entry.record;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.chars -= entry.chars;
  }
}

function keyOf(scope: string, toolCallId: string): string {
  return `${scope}\u0000${toolCallId}`;
}

function charsOf(record: SignatureRecord): number {
  let chars = record.thoughtSignature?.length ?? 0;
  for (const part of record.reasoning) {
    chars += part.text.length;
    for (const value of Object.values(part.providerMetadata?.anthropic ?? {})) if (typeof value === 'string') chars += value.length;
  }
  return chars;
}
