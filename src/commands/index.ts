export { applySessionToRequest } from './apply-session-to-request.js';
export { cleanHistory } from './clean-history.js';
export { failed, succeeded, type Command, type CommandContext, type CommandResult, type DefaultBackend } from './command.js';
export { builtInCommands, createCommandRegistry, type CommandRegistry } from './command-registry.js';
export { consumeOneOff } from './consume-one-off.js';
export { identityOf, messageIdentity } from './message-identity.js';
export {
  loadPersistedState,
  savePersistedState,
  statePathFor,
  type PersistedState,
  type StateFileSystem,
} from './persistence/persisted-state.js';
export { PersistedStateError } from './persistence/persisted-state-error.js';
export {
  processCommands,
  type CommandEnvironment,
  type CommandForward,
  type CommandReply,
  type ProcessCommandsInput,
} from './process-commands.js';
export {
  findReasoningSettings,
  loadReasoningAliases,
  parseReasoningAliases,
  type ReasoningAliasConfig,
  type ReasoningAliasEntry,
} from './reasoning-aliases.js';
export { FailoverRouteStore, type RouteChange, type RouteChangeListener } from './routes/failover-route-store.js';
export { validateRouteElement } from './routes/validate-route-element.js';
export { normaliseSettingKey, sessionSettings } from './settings/find-setting.js';
