import type { CaptureEntry } from './capture-entry.js';

/**
 * Where capture entries go. `write` must be a cheap, non-blocking enqueue that never throws:
 * it runs on the stream path, once per chunk (the capture writer is the real implementation).
 */
export interface CaptureSink {
  write(entry: CaptureEntry): void;
}
