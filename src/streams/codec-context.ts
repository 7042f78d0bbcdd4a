/**
 * What pure codecs need from the outside world, passed in so they stay deterministic:
 * ids and the clock (STYLE.md §4).
 */
export interface CodecContext {
  /** Returns a fresh id with the given prefix, e.g. `chatcmpl-…`, `msg_…`, `call_…`. */
  readonly generateId: (prefix: string) => string;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}
