import { parentPort, workerData } from 'node:worker_threads';
import type { BatchWorkerData, FromBatchWorker, ToBatchWorker } from './batch-worker-protocol.js';
import { lowerThreadPriority } from './lower-thread-priority.js';
import { RingReader, type RingRecord, type RingValue } from './shared-ring.js';

export interface BatchWorkerHandlers<Item, Stats> {
  /** Turns an item's flat values (from `startBatchWorker`'s `encode`) back into the item. */
  readonly decode: (values: readonly RingValue[]) => Item;
  /** Takes one item. */
  readonly take: (item: Item) => void;
  /**
   * Takes a record straight from the ring, without decoding it, when it can (true); otherwise
   * the record is decoded and given to `take`.
   */
  readonly takeRecord?: (record: RingRecord) => boolean;
  readonly flush: () => Promise<void>;
  readonly close: () => Promise<void>;
  readonly stats: () => Stats;
}

/** The worker side of `startBatchWorker`: its own data, and a way to report errors. */
export function batchWorkerContext<Own>(): { readonly own: Own; readonly reportError: (error: unknown) => void } {
  const port = parentPort;
  if (port === null) throw new Error('a batch worker must run as a worker thread');
  const data = workerData as BatchWorkerData<Own>;
  const post = (message: FromBatchWorker<never>): void => port.postMessage(message);
  return { own: data.own, reportError: (error) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }) };
}

/**
 * Serves `startBatchWorker`: sleeps until items arrive in the ring, gathers for a moment, and
 * hands them to `take` in order; an item that came as a message takes its placeholder's place
 * (the ring waits for it if the placeholder came first). A flush or close first takes
 * everything already in the ring.
 */
export function serveBatchWorker<Item, Stats>(handlers: BatchWorkerHandlers<Item, Stats>): void {
  const port = parentPort;
  if (port === null) throw new Error('a batch worker must run as a worker thread');
  const { ring: buffer, gatherMs, nice } = workerData as BatchWorkerData<unknown>;
  lowerThreadPriority(nice);
  const ring = new RingReader(buffer);
  const large = new Map<number, readonly RingValue[]>();
  const post = (message: FromBatchWorker<Stats>): void => port.postMessage(message);

  const report = (error: unknown): void => post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  const takeRecord = (record: RingRecord, marked: boolean): boolean => {
    let sent: readonly RingValue[] | undefined;
    if (marked) {
      const id = record.value(0) as number;
      sent = large.get(id);
      // Its message has not arrived yet: the ring waits for it.
      if (sent === undefined) return false;
      large.delete(id);
    }
    try {
      if (sent !== undefined) handlers.take(handlers.decode(sent));
      else if (handlers.takeRecord?.(record) !== true) handlers.take(handlers.decode(record.values()));
    } catch (error) {
      // One bad item must not stall the ring behind it.
      report(error);
    }
    return true;
  };
  const drain = (): void => {
    ring.drain(takeRecord);
  };
  const serve = async (): Promise<void> => {
    for (;;) {
      await ring.waitForRecords();
      await new Promise((resolve) => setTimeout(resolve, gatherMs));
      drain();
    }
  };
  void serve();

  port.on('message', (message: ToBatchWorker) => {
    if (message.type === 'large') {
      large.set(message.id, message.values);
      drain();
      return;
    }
    if (message.type === 'forget') {
      large.delete(message.id);
      return;
    }
    drain();
    const done = message.type === 'close' ? handlers.close() : handlers.flush();
    void done.then(() => post({ type: 'done', id: message.id, stats: handlers.stats() }));
  });
}
