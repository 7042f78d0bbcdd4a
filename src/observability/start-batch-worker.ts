import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchWorkerData, FromBatchWorker, ToBatchWorker } from './batch-worker-protocol.js';

export interface BatchWorkerOptions<Item, Own> {
  /** The worker script's base name (`capture-worker`): see {@link findWorkerScript}. */
  readonly script: string | URL;
  readonly data: Own;
  /** Appends an item to a batch as plain values (cheaper to clone than an object with keys). */
  readonly pack: (packed: unknown[], item: Item) => void;
  /** Items not yet taken by the worker beyond this are dropped and counted. */
  readonly maxQueued: number;
  readonly onError: (error: unknown) => void;
}

export interface BatchWorker<Item, Stats> {
  /** Queues an item for the worker; never blocks, never throws. */
  write(item: Item): void;
  /** Resolves when the worker has handled everything written before (its figures then). */
  flush(): Promise<Stats | undefined>;
  /** Flushes, then stops the worker; later writes are dropped. */
  close(): Promise<Stats | undefined>;
  /** Items dropped on this side, and items written but not yet taken by the worker. */
  local(): { readonly dropped: number; readonly queued: number };
}

/**
 * A worker thread that takes items in batches: `write` only packs the item, the batch goes to
 * the worker once per event-loop turn, and the worker's own queue does the slow part (see
 * `serveBatchWorker`). An idle worker does not keep the process alive; a pending flush does.
 */
export function startBatchWorker<Item, Stats, Own>(options: BatchWorkerOptions<Item, Own>): BatchWorker<Item, Stats> {
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const data: BatchWorkerData<Own> = { own: options.data, taken: taken.buffer as SharedArrayBuffer };
  const url = typeof options.script === 'string' ? findWorkerScript(options.script) : options.script;
  const worker = new Worker(url, { workerData: data });
  worker.unref();
  let pending: unknown[] = [];
  let pendingCount = 0;
  let posted = 0;
  let dropped = 0;
  let scheduled = false;
  let closed = false;
  let stopped = false;
  let nextId = 0;
  const waiting = new Map<number, (stats: Stats | undefined) => void>();

  /** The worker is gone: what it had not taken is lost, and nobody waits any more. */
  const stop = (): void => {
    stopped = true;
    dropped += posted - Atomics.load(taken, 0);
    posted = Atomics.load(taken, 0);
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
      // An item that cannot be cloned (a function, say) costs its batch, never the caller.
      options.onError(error);
      return false;
    }
  };
  const send = (): void => {
    scheduled = false;
    if (pendingCount === 0) return;
    const message: ToBatchWorker = { type: 'items', packed: pending, count: pendingCount };
    pending = [];
    pendingCount = 0;
    if (!stopped && post(message)) posted += message.count;
    else dropped += message.count;
  };
  const request = (type: 'flush' | 'close'): Promise<Stats | undefined> => {
    send();
    if (stopped) return Promise.resolve(undefined);
    const id = nextId;
    nextId += 1;
    worker.ref();
    const done = new Promise<Stats | undefined>((resolve) => waiting.set(id, resolve));
    post({ type, id });
    return done;
  };
  const inFlight = (): number => posted - Atomics.load(taken, 0);

  return {
    write(item) {
      if (closed || stopped || pendingCount + inFlight() >= options.maxQueued) {
        dropped += 1;
        return;
      }
      options.pack(pending, item);
      pendingCount += 1;
      if (!scheduled) {
        scheduled = true;
        setImmediate(send);
      }
    },
    flush: () => request('flush'),
    async close() {
      if (closed) return undefined;
      closed = true;
      const stats = await request('close');
      await worker.terminate();
      return stats;
    },
    local: () => ({ dropped, queued: pendingCount + inFlight() }),
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
