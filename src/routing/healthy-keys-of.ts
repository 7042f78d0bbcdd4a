import type { KeysOf } from './plan-attempts.js';
import type { KeyHealth } from './key-health.js';

/**
 * Adapts configured key names and {@link KeyHealth} to the `keysOf` that `planAttempts` takes:
 * a backend with no keys at all is keyless (`[]`, one attempt without a key), a backend whose
 * keys are all cooling or bad is unusable now (`undefined`, its elements are skipped), otherwise
 * the usable keys in round-robin order.
 *
 * @param health the process-wide key health
 * @param keyNamesOf the configured key names of a backend; undefined for an unknown backend
 * @example
 * planAttempts(selection, healthyKeysOf(health, (backend) => config.backends[backend]?.keys.map((key) => key.name)), { maxAttempts: 5 })
 */
export function healthyKeysOf(health: KeyHealth, keyNamesOf: (backend: string) => readonly string[] | undefined): KeysOf {
  return (backend) => {
    const all = keyNamesOf(backend);
    if (all === undefined || all.length === 0) return all;
    const ordered = health.order(backend, all);
    return ordered.length === 0 ? undefined : ordered;
  };
}
