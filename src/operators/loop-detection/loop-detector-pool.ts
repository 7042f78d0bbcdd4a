import { createLoopDetector, type LoopDetector } from './create-loop-detector.js';
import type { LoopDetectionSettings } from './loop-detection-settings.js';

/**
 * Reuses detectors between streams. A detector owns ~150 KB of typed arrays; allocating one
 * per response made the allocator and the garbage collector a tenth of the gateway's CPU.
 * `clear()` leaves a detector equivalent to a fresh one (a property test checks this), so
 * reuse cannot change a result. At most 64 idle detectors are kept per settings.
 */
const pools = new Map<string, LoopDetector[]>();
const maxIdle = 64;

function keyOf(settings: LoopDetectionSettings): string {
  return `${settings.bufferSize}|${settings.maxPatternLength}|${settings.contentChunkSize}|${settings.contentLoopThreshold}|${settings.maxHistoryLength}|${settings.analysisInterval}`;
}

export function acquireLoopDetector(settings: LoopDetectionSettings): LoopDetector {
  return pools.get(keyOf(settings))?.pop() ?? createLoopDetector(settings);
}

export function releaseLoopDetector(settings: LoopDetectionSettings, detector: LoopDetector): void {
  detector.clear();
  const key = keyOf(settings);
  let pool = pools.get(key);
  if (pool === undefined) {
    pool = [];
    pools.set(key, pool);
  }
  if (pool.length < maxIdle) pool.push(detector);
}
