/** Gateway → worker: a batch of packed items (one message per event-loop turn), or a flush/close. */
export type ToBatchWorker = { readonly type: 'items'; readonly packed: readonly unknown[]; readonly count: number } | { readonly type: 'flush' | 'close'; readonly id: number };

/** Worker → gateway: a flush or close is done (with the worker's figures), or an I/O error. */
export type FromBatchWorker<Stats> = { readonly type: 'done'; readonly id: number; readonly stats: Stats } | { readonly type: 'error'; readonly message: string };

/** What every batch worker gets besides its own data: one Int32 counting the items it has taken. */
export interface BatchWorkerData<Own> {
  readonly own: Own;
  readonly taken: SharedArrayBuffer;
}
