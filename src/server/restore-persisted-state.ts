import { loadPersistedState, savePersistedState, statePathFor } from '../commands/index.js';
import type { GatewayCore } from './gateway-core.js';

/**
 * With `--config FILE`, failover routes made by in-chat commands and `!/set(default-backend=…)`
 * survive restarts: they are saved to `FILE.state.json` (never into the user's own YAML) with an
 * atomic write after every change, and loaded back here. A corrupt state file stops the start
 * with its problem rather than being dropped silently. Config changes go to the audit log.
 */
export async function restorePersistedState(core: GatewayCore): Promise<void> {
  const configFile = core.config.configFile;
  if (configFile === undefined) return;
  const file = statePathFor(configFile);
  const state = await loadPersistedState(file);
  for (const route of state.failoverRoutes) {
    core.routeStore.delete(route.name);
    core.routeStore.create(route.name, route.policy);
    if (route.elements.length > 0) core.routeStore.append(route.name, route.elements);
  }
  if (state.defaultBackend !== undefined && core.registry.get(state.defaultBackend) !== undefined) core.defaultBackend.set(state.defaultBackend);

  let pending = Promise.resolve();
  const save = (change: string): void => {
    core.observability.audit?.record({ timestamp: core.now(), kind: 'config_change', detail: { change } });
    const defaultBackend = core.defaultBackend.get();
    const snapshot = { failoverRoutes: core.routeStore.list(), ...(defaultBackend === undefined ? {} : { defaultBackend }) };
    // One write at a time, in order, so two renames never race.
    pending = pending
      .then(() => savePersistedState(file, snapshot))
      .catch((error: unknown) => core.logger?.error({ err: error, file }, 'could not save the persisted state'));
  };
  core.routeStore.onChange(() => save('failover routes'));
  core.defaultBackend.onChange(() => save(`default backend ${core.defaultBackend.get() ?? '(none)'}`));
}
