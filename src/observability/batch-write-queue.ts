export interface BatchWriteQueueOptions<T> {
  /** Writes a whole batch, synchronously (one SQLite transaction). */
  readonly write: (items: readonly T[]) => void;
  /** Items waiting beyond this are dropped and counted (default 10000). */
  readonly maxQueued?: number;
  readonly onError?: (error: unknown) => void;
  /**
   * How long items wait to be written together (default 100 ms). One transaction per burst of
   * requests instead of one per event-loop turn: at thousands of requests a second the commits,
   * not the rows, were the cost.
   */
  readonly flushDelayMs?: number;
  /** Write at once when this many items wait (default 500). */
  readonly flushAt?: number;
}

export interface BatchWriteQueueStats {
  readonly queued: number;
  readonly dropped: number;
  readonly failed: number;
}

export interface BatchWriteQueue<T> {
  /** Enqueues; the write happens on a later turn of the event loop, never in the caller's. */
  push(item: T): void;
  /** Writes everything queued now (readers call it first, so they see their own writes). */
  drain(): void;
  /** Drains, then drops every later push. */
  close(): void;
  stats(): BatchWriteQueueStats;
}

/**
 * A bounded queue that writes in batches on `setImmediate`: the response path only pays for an
 * array push, and many records finishing together share one transaction.
 *
 * @example
 * const queue = createBatchWriteQueue({ write: (rows) => insertMany(rows) });
 * queue.push(row);
 */
export function createBatchWriteQueue<T>(options: BatchWriteQueueOptions<T>): BatchWriteQueue<T> {
  const maxQueued = options.maxQueued ?? 10_000;
  const flushDelayMs = options.flushDelayMs ?? 100;
  const flushAt = options.flushAt ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: T[] = [];
  let dropped = 0;
  let failed = 0;
  let scheduled = false;
  let closed = false;

  const drain = (): void => {
    scheduled = false;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    try {
      options.write(batch);
    } catch (error) {
      failed += batch.length;
      options.onError?.(error);
    }
  };

  return {
    push(item) {
      if (closed || queue.length >= maxQueued) {
        dropped += 1;
        return;
      }
      queue.push(item);
      if (queue.length >= flushAt) {
        setImmediate(drain);
      } else if (!scheduled) {
        scheduled = true;
        timer = setTimeout(drain, flushDelayMs);
        timer.unref();
      }
    },
    drain,
    close() {
      drain();
      closed = true;
    },
    stats: () => ({ queued: queue.length, dropped, failed }),
  };
}
