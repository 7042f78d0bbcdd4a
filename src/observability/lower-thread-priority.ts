import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The lowest priority a thread can ask for (`nice 19`). */
export const BACKGROUND_NICE = 19;

/**
 * Lowers the calling thread's scheduling priority to `nice` (up to {@link BACKGROUND_NICE}), so
 * that when the CPUs are busy the gateway's event loop (and whatever else the user runs) goes
 * first and this thread takes the time left over. Linux keeps a nice value per thread:
 * `/proc/thread-self` names the thread, and `setpriority` on its id changes it alone. Elsewhere,
 * or where that fails, the thread keeps its priority.
 */
export function lowerThreadPriority(nice: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isSafeInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    // Not Linux, or not allowed: the thread runs at its usual priority.
  }
}
