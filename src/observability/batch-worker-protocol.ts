import type { RingValue } from './shared-ring.js';

/**
 * Gateway → worker, besides the ring: an item too large for the ring (its place in the ring is
 * held by a placeholder with its id), one whose placeholder never made it into the ring, or a
 * flush/close.
 */
export type ToBatchWorker =
  | { readonly type: 'large'; readonly id: number; readonly values: readonly RingValue[] }
  | { readonly type: 'forget'; readonly id: number }
  | { readonly type: 'flush' | 'close'; readonly id: number };

/** Worker → gateway: a flush or close is done (with the worker's figures), or an I/O error. */
export type FromBatchWorker<Stats> = { readonly type: 'done'; readonly id: number; readonly stats: Stats } | { readonly type: 'error'; readonly message: string };

/** What every batch worker gets besides its own data: the ring its items come through. */
export interface BatchWorkerData<Own> {
  readonly own: Own;
  readonly ring: SharedArrayBuffer;
  /** Once woken by a first item, how long the worker waits for more before taking them. */
  readonly gatherMs: number;
  /** The worker thread's nice value (see `lowerThreadPriority`). */
  readonly nice: number;
}
