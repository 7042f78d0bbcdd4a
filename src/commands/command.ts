import type { SessionState } from '../sessions/session-state.js';
import type { CommandArgument } from './parsing/parse-command-arguments.js';
import type { ReasoningAliasConfig } from './reasoning-aliases.js';
import type { FailoverRouteStore } from './routes/failover-route-store.js';

/** The proxy-wide default backend (`!/set(default-backend=…)`), persisted by the caller. */
export interface DefaultBackend {
  get(): string | undefined;
  set(backend: string | undefined): void;
}

/** Everything a command may read or change besides its arguments. */
export interface CommandContext {
  /** The state of the session that sent the command (and only that session). */
  readonly session: SessionState;
  /** Proxy-wide failover routes (the seeds make them global, not per session). */
  readonly routes: FailoverRouteStore;
  /** Backend ids with configuration (for validating `backend:model`). */
  readonly configuredBackends: readonly string[];
  readonly defaultBackend: DefaultBackend;
  /** Absent when `config/reasoning_aliases.yaml` could not be loaded. */
  readonly reasoningAliases?: ReasoningAliasConfig;
  readonly version: string;
  /** Epoch milliseconds. */
  readonly now: number;
  /** The prefix in effect for this session (for replies that quote commands). */
  readonly prefix: string;
  /** The model the client asked for in this request (for reasoning aliases when none is set). */
  readonly requestModel?: string;
}

/** What running a command gives: the reply line(s), and the session's new state if it changed. */
export interface CommandResult {
  readonly ok: boolean;
  readonly message: string;
  readonly session?: SessionState;
}

/** One in-chat command: its help text and its behaviour. */
export interface Command {
  /** Lower-case name as typed after the prefix. */
  readonly name: string;
  /** Other lower-case names that run the same command (`no-thinking` for `no-think`). */
  readonly aliases?: readonly string[];
  /** One line, shown by `!/help`. */
  readonly description: string;
  /** Written with the default `!/` prefix; help replaces it with the session's. */
  readonly format: string;
  readonly examples: readonly string[];
  run(args: readonly CommandArgument[], context: CommandContext): CommandResult;
}

/** A successful result. */
export function succeeded(message: string, session?: SessionState): CommandResult {
  return session === undefined ? { ok: true, message } : { ok: true, message, session };
}

/** A failed result: the reply says what is wrong, the session is unchanged. */
export function failed(message: string): CommandResult {
  return { ok: false, message };
}
