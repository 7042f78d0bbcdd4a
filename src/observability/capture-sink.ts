import type { CaptureRecord } from './capture-entry.js';

/**
 * Where capture records go. `write` must be a cheap, non-blocking enqueue that never throws: it
 * runs on the stream path, once per chunk. The sink redacts and serialises (the capture writer,
 * and the worker-thread writer the gateway uses, are the real implementations).
 */
export interface CaptureSink {
  write(record: CaptureRecord): void;
}
