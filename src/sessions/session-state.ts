import type { ToolLoopMode } from '../operators/tool-loop/tool-loop-settings.js';
import type { ReasoningMode, ReasoningModeSettings } from './reasoning-mode-settings.js';

/** The most message identities a session remembers as "never forward" (oldest dropped first). */
export const maxNonForwardable = 500;

/**
 * What one client session has set with in-chat commands (SEED-SPEC §11.2 "Session state").
 * A plain, immutable-by-convention object: commands return a new one, stores replace it whole,
 * so a state object can never be shared by two sessions by accident.
 * Absent fields mean "not overridden": the configured default applies.
 */
export interface SessionState {
  readonly id: string;
  readonly backend?: string;
  readonly model?: string;
  /** `!/oneoff(backend:model)`: used by exactly the next forwarded request, then cleared. */
  readonly oneOff?: { readonly backend: string; readonly model: string };
  readonly temperature?: number;
  readonly reasoningEffort?: string;
  readonly thinkingBudget?: number;
  /** The last reasoning alias (`!/max`…), with the settings resolved for the model of that time. */
  readonly reasoningAlias?: { readonly mode: ReasoningMode; readonly settings: ReasoningModeSettings };
  readonly project?: string;
  readonly projectDir?: string;
  readonly interactiveMode: boolean;
  /** Overrides the configured prefix for this session only. */
  readonly commandPrefix?: string;
  readonly openaiUrl?: string;
  readonly redactApiKeysInPrompts?: boolean;
  readonly loopDetection?: boolean;
  readonly toolLoop?: {
    readonly enabled?: boolean;
    readonly maxRepeats?: number;
    readonly ttlSeconds?: number;
    readonly mode?: ToolLoopMode;
  };
  readonly helloRequested?: boolean;
  /**
   * Identity hashes (see `messageIdentity`) of messages that must never reach a backend again:
   * command-only user messages and the proxy's own replies. Bounded to {@link maxNonForwardable}.
   */
  readonly nonForwardable: readonly string[];
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly lastSeenAt: number;
}

/**
 * A fresh session with nothing overridden.
 *
 * @example
 * createSessionState('abc', 0); // {id: 'abc', interactiveMode: true, nonForwardable: [], createdAt: 0, lastSeenAt: 0}
 */
export function createSessionState(id: string, now: number, interactiveMode = true): SessionState {
  return { id, interactiveMode, nonForwardable: [], createdAt: now, lastSeenAt: now };
}

/** Adds identities to the "never forward" list, keeping the newest {@link maxNonForwardable}. */
export function rememberNonForwardable(state: SessionState, identities: readonly string[]): SessionState {
  const fresh = identities.filter((identity) => !state.nonForwardable.includes(identity));
  if (fresh.length === 0) return state;
  const combined = [...state.nonForwardable, ...fresh];
  return { ...{}, ...state, nonForwardable: combined.slice(Math.max(0, combined.length - maxNonForwardable)) };
}
