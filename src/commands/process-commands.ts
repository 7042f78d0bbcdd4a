import { rememberNonForwardable, type SessionState } from '../sessions/session-state.js';
import type { CanonicalMessage, CanonicalRequest } from '../streams/canonical-request.js';
import { cleanHistory } from './clean-history.js';
import type { CommandContext } from './command.js';
import { createCommandRegistry, type CommandRegistry } from './command-registry.js';
import { describeMalformed } from './describe-malformed.js';
import { identityOf, messageText } from './message-identity.js';
import { runCommands } from './run-commands.js';
import { parseUserMessage, withStrippedText } from './strip-user-message.js';

/** What commands need besides the session: proxy-wide state and configuration. */
export type CommandEnvironment = Omit<CommandContext, 'session' | 'prefix' | 'requestModel'>;

export interface ProcessCommandsInput {
  readonly request: CanonicalRequest;
  readonly session: SessionState;
  /** The configured prefix; a session's own `command-prefix` wins over it. */
  readonly prefix: string;
  /** `--disable-interactive-commands`. */
  readonly disabled: boolean;
  /** `--force-set-project`. */
  readonly forceSetProject: boolean;
  readonly context: CommandEnvironment;
  /** Defaults to the built-in commands. */
  readonly registry?: CommandRegistry;
}

/** The proxy answers by itself: render `text` in the client's protocol with zero usage. */
export interface CommandReply {
  readonly kind: 'reply';
  readonly text: string;
  readonly session: SessionState;
}

/** Forward `request` (commands stripped, history cleaned), routed with `session`. */
export interface CommandForward {
  readonly kind: 'forward';
  readonly request: CanonicalRequest;
  readonly session: SessionState;
  /** The confirmations of commands that ran in a mixed message (for logs; not sent upstream). */
  readonly notices: readonly string[];
}

let defaultRegistry: CommandRegistry | undefined;

/**
 * Index of the message whose commands run: the last user message, provided no assistant message
 * follows it. When the request ends with an assistant turn or tool results after one, the user
 * message is history: agents replay it on every tool-loop step, and re-running it would, say,
 * append route elements twice.
 */
function currentUserIndex(messages: readonly CanonicalMessage[]): number {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const role = messages[index].role;
    if (role === 'user') return index;
    if (role === 'assistant') return -1;
  }
  return -1;
}

/**
 * The in-chat command step of a request (DESIGN.md, SEED-SPEC §3 with commands anywhere).
 *
 * 1. Disabled (`--disable-interactive-commands`): the request goes on untouched. The issue
 *    says the switch turns the system off, so command text stays the user's text.
 * 2. History: {@link cleanHistory} drops earlier command-only messages and proxy replies and
 *    strips commands from earlier mixed messages.
 * 3. The current user message (see `currentUserIndex`) is parsed; system prompts, tool results
 *    and earlier turns never run commands. Unknown commands and unreadable arguments get a
 *    reply (with suggestions) and nothing runs or is forwarded.
 * 4. Commands run in order, threading the session; a failure stops them and is the reply.
 * 5. A message that was only commands is answered by the proxy; otherwise the commands are
 *    stripped and the request is forwarded, routed with the new session.
 * 6. `--force-set-project`: without a project a prompt is refused with a reply saying how.
 *
 * Replies and the command-only messages they answer are recorded in `session.nonForwardable`
 * so that step 2 can recognise them when the client replays them.
 * The caller applies {@link applySessionToRequest} and {@link consumeOneOff} on forward.
 *
 * @example
 * processCommands({request: {...request, messages: [user('!/model(gpt-4o)')]}, session, prefix: '!/', …});
 * // {kind: 'reply', text: 'Model changed to gpt-4o', session: {…, model: 'gpt-4o'}}
 */
export function processCommands(input: ProcessCommandsInput): CommandReply | CommandForward {
  const { request, disabled, forceSetProject } = input;
  if (disabled) return { kind: 'forward', request, session: input.session, notices: [] };
  defaultRegistry ??= createCommandRegistry();
  const registry = input.registry ?? defaultRegistry;
  const prefix = input.session.commandPrefix ?? input.prefix;
  const current = currentUserIndex(request.messages);
  const history = current === -1 ? request.messages : request.messages.slice(0, current);
  const messages = cleanHistory(history, new Set(input.session.nonForwardable), prefix, registry.names);
  const message = request.messages[current];
  if (message === undefined || message.role !== 'user') {
    return refuseWithoutProject([]) ?? forward(messages, input.session, []);
  }

  const parsed = parseUserMessage(message, prefix, registry.names);
  const sentIdentity = identityOf('user', messageText(message) ?? '');
  if (parsed.malformed.length > 0) {
    const known = registry.commands.map((command) => command.name);
    const lines = parsed.malformed.map((malformed) => describeMalformed(malformed, prefix, known));
    return reply(lines, input.session, [sentIdentity]);
  }
  const context: CommandContext = { ...{}, ...input.context, session: input.session, prefix, requestModel: request.model };
  const run = runCommands(parsed.commands, registry, context);
  const hasOtherContent = message.content.some((part) => part.type !== 'text');
  const ranCommands = parsed.commands.length > 0;
  if (!run.ok || (parsed.onlyCommands && !hasOtherContent)) {
    return reply(run.messages, run.session, [sentIdentity]);
  }
  const refusal = refuseWithoutProject(run.messages, run.session);
  if (refusal !== undefined) return refusal;
  const stripped = ranCommands ? withStrippedText(message, parsed) : message;
  return forward([...messages, stripped, ...request.messages.slice(current + 1)], run.session, run.messages);

  function reply(lines: readonly string[], session: SessionState, userIdentities: readonly string[]): CommandReply {
    const text = lines.join('\n');
    const remembered = rememberNonForwardable(session, [...userIdentities, identityOf('assistant', text)]);
    return { kind: 'reply', text, session: remembered };
  }

  function forward(kept: readonly CanonicalMessage[], session: SessionState, notices: readonly string[]): CommandForward {
    return { kind: 'forward', request: { ...{}, ...request, messages: kept }, session, notices };
  }

  function refuseWithoutProject(lines: readonly string[], session = input.session): CommandReply | undefined {
    if (!forceSetProject || session.project !== undefined) return undefined;
    const refusal = `A project must be set before sending prompts: use ${prefix}set(project=<name>)`;
    return reply([...lines, refusal], session, []);
  }
}
