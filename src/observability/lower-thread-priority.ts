import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The lowest priority a thread can ask for (`nice 19`). */
export const BACKGROUND_NICE = 19;

/**
 * Lowers the calling thread's scheduling priority to `nice` (up to {@link BACKGROUND_NICE}), so
 * that when the CPUs are busy the gateway's event loop (and whatever else the user runs) goes
 * first and this thread takes the time left over. Linux keeps a nice value per thread:
 * `/proc/thread-self` names the thread, and `setpriority` on its id changes it alone. Elsewhere,
 * or where that fails, the thread keeps its priority; false says so.
 */
export function lowerThreadPriority(nice: number): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (!Number.isSafeInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
