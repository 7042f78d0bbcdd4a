import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchWorkerData, FromBatchWorker, ToBatchWorker } from './batch-worker-protocol.js';
import { BACKGROUND_NICE } from './lower-thread-priority.js';
import { createSharedRing, ringRecordBound, RingWriter, type RingValue } from './shared-ring.js';

export interface BatchWorkerOptions<Item, Stats, Own> {
  /** The worker script's base name (`capture-worker`): see {@link findWorkerScript}. */
  readonly script: string | URL;
  readonly data: Own;
  /** An item as flat values; the worker's `decode` turns them back (see `serveBatchWorker`). */
  readonly encode: (item: Item) => readonly RingValue[];
  /** Told when an item made it to the worker's ring or port (not when it was dropped). */
  readonly written?: (item: Item) => void;
  /** Items not yet taken by the worker beyond this are dropped and counted. */
  readonly maxQueued: number;
  /** The worker's figures until its first flush or close reports them. */
  readonly initialStats: Stats;
  /** Bytes of the shared ring (default 4 MiB); items over a quarter of it go by message. */
  readonly ringBytes?: number;
  /**
   * Once woken, how long the worker lets items gather before taking them (default 10 ms): every
   * wake-up costs both threads, and a worker that wakes per item competes with the gateway.
   */
  readonly gatherMs?: number;
  /**
   * The worker thread's nice value, 0 to 19 (default 19, the lowest priority): when the CPUs are
   * busy, the gateway's event loop goes first and the worker takes the time left over, falling
   * behind (and then dropping) rather than slowing a stream.
   */
  readonly nice?: number;
  readonly onError: (error: unknown) => void;
}

export interface BatchWorker<Item, Stats> {
  /** Hands an item to the worker; never blocks, never throws. */
  write(item: Item): void;
  /** Resolves when the worker has handled everything written before. */
  flush(): Promise<void>;
  /** Flushes, then stops the worker; later writes are dropped. */
  close(): Promise<void>;
  /** The worker's figures as of its last flush or close. */
  workerStats(): Stats;
  /** Items dropped on this side, and items written but not yet taken by the worker. */
  local(): { readonly dropped: number; readonly queued: number };
}

/**
 * A worker thread that takes items through a shared ring (see `RingWriter`): `write` encodes the
 * item into memory the worker reads, with no message and no structured clone, and the worker,
 * woken once per burst, does the slow part (see `serveBatchWorker`). An item too large for the
 * ring goes as a message, its place in the ring held by a placeholder so order is kept. When the
 * ring is full or `maxQueued` items wait, items are dropped and counted. An idle worker does not
 * keep the process alive; a pending flush does.
 */
export function startBatchWorker<Item, Stats, Own>(options: BatchWorkerOptions<Item, Stats, Own>): BatchWorker<Item, Stats> {
  const ring = createSharedRing(options.ringBytes ?? 4 * 1024 * 1024);
  const writer = new RingWriter(ring);
  const data: BatchWorkerData<Own> = { own: options.data, ring, gatherMs: options.gatherMs ?? 10, nice: options.nice ?? BACKGROUND_NICE };
  const url = typeof options.script === 'string' ? findWorkerScript(options.script) : options.script;
  const worker = new Worker(url, { workerData: data });
  worker.unref();
  let written = 0;
  let dropped = 0;
  let workerStats = options.initialStats;
  let closed = false;
  let stopped = false;
  let nextId = 1;
  const waiting = new Map<number, (stats: Stats | undefined) => void>();
  /** Records in the ring the worker has not taken (Int32 counters that wrap: a difference). */
  const inFlight = (): number => (written - writer.taken()) | 0;

  /** The worker is gone: what it had not taken is lost, and nobody waits any more. */
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    dropped += inFlight();
    for (const resolve of waiting.values()) resolve(undefined);
    waiting.clear();
  };
  worker.on('message', (message: FromBatchWorker<Stats>) => {
    if (message.type === 'error') {
      options.onError(new Error(message.message));
      return;
    }
    waiting.get(message.id)?.(message.stats);
    waiting.delete(message.id);
    if (waiting.size === 0) worker.unref();
  });
  worker.on('error', (error) => {
    options.onError(error);
    stop();
  });
  worker.on('exit', stop);

  const post = (message: ToBatchWorker): boolean => {
    try {
      worker.postMessage(message);
      return true;
    } catch (error) {
      options.onError(error);
      return false;
    }
  };
  /** Encodes and appends one item; false when it was not accepted. */
  const append = (item: Item): boolean => {
    const values = options.encode(item);
    if (ringRecordBound(values) <= writer.capacity / 4) return writer.write(values);
    const id = nextId++;
    if (!post({ type: 'large', id, values })) return false;
    if (writer.write([id], true)) return true;
    post({ type: 'forget', id });
    return false;
  };
  const request = async (type: 'flush' | 'close'): Promise<void> => {
    if (stopped) return;
    const id = nextId++;
    worker.ref();
    const done = new Promise<Stats | undefined>((resolve) => waiting.set(id, resolve));
    post({ type, id });
    workerStats = (await done) ?? workerStats;
  };

  return {
    write(item) {
      if (closed || stopped || inFlight() >= options.maxQueued) {
        dropped += 1;
        return;
      }
      let accepted = false;
      try {
        accepted = append(item);
      } catch (error) {
        // An item that cannot be encoded costs itself, never the caller.
        options.onError(error);
      }
      if (accepted) {
        written += 1;
        options.written?.(item);
      } else {
        dropped += 1;
      }
    },
    flush: () => request('flush'),
    async close() {
      if (closed) return;
      closed = true;
      await request('close');
      await worker.terminate();
    },
    workerStats: () => workerStats,
    local: () => ({ dropped, queued: stopped ? 0 : inFlight() }),
  };
}

/**
 * A worker script beside this module: `<name>.js` in the compiled tree, or `<name>.mjs` beside
 * the `gateway.mjs` bundle. Run from the TypeScript sources (the tests), it is the compiled one
 * in `dist`, which `npm test` builds first.
 */
export function findWorkerScript(name: string): URL {
  const candidates = [`./${name}.js`, `./${name}.mjs`, `../../dist/src/observability/${name}.js`].map((path) => new URL(path, import.meta.url));
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (found === undefined) throw new Error(`The worker script ${name} is missing (looked for ${candidates.map((url) => fileURLToPath(url)).join(', ')}); run npm run build`);
  return found;
}
