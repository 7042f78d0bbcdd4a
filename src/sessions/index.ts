export { InMemorySessionStore, type InMemorySessionStoreOptions } from './in-memory-session-store.js';
export type { ReasoningMode, ReasoningModeSettings } from './reasoning-mode-settings.js';
export { createSessionState, maxNonForwardable, rememberNonForwardable, type SessionState } from './session-state.js';
export type { SessionStore } from './session-store.js';
