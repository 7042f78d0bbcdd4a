import { createSessionState, type SessionState } from '../sessions/session-state.js';
import type { CanonicalMessage, CanonicalRequest } from '../streams/canonical-request.js';
import { parseReasoningAliases, type ReasoningAliasConfig } from './reasoning-aliases.js';
import { processCommands, type CommandEnvironment, type CommandForward, type CommandReply } from './process-commands.js';
import { FailoverRouteStore } from './routes/failover-route-store.js';

/**
 * Builders shared by the command tests (not a test file itself: vitest runs `*.test.ts` only).
 */

export function user(...texts: string[]): CanonicalMessage {
  return { role: 'user', content: texts.map((text) => ({ type: 'text', text })) };
}

export function assistant(text: string): CanonicalMessage {
  return { role: 'assistant', content: [{ type: 'text', text }] };
}

export function requestOf(...messages: CanonicalMessage[]): CanonicalRequest {
  return { model: 'gpt-4o', messages, stream: false };
}

export const testAliases: ReasoningAliasConfig = parseReasoningAliases(
  [
    'reasoning_alias_settings:',
    '  - model: "claude-*"',
    '    modes:',
    '      high: {max_reasoning_tokens: 32000, temperature: 1}',
    '      none: {reasoning_effort: none, user_prompt_suffix: " /no_think"}',
    '  - model: "gpt-4o"',
    '    modes:',
    '      high: {reasoning_effort: high, user_prompt_prefix: "Think hard. "}',
    '      medium: {reasoning_effort: medium, top_p: 0.9}',
    '      low: {reasoning_effort: low}',
  ].join('\n'),
  'test-aliases.yaml',
);

export interface Harness {
  readonly routes: FailoverRouteStore;
  readonly env: CommandEnvironment;
  defaultBackend: string | undefined;
  session: SessionState;
  /** Runs one request through processCommands and keeps the returned session. */
  send(messages: CanonicalMessage[] | string, options?: { forceSetProject?: boolean; prefix?: string }): CommandReply | CommandForward;
  /** Like {@link send}, expecting a reply; returns its text. */
  reply(text: string): string;
}

export function createHarness(options: { reasoningAliases?: ReasoningAliasConfig | null; sessionId?: string } = {}): Harness {
  const backends = ['openai', 'openrouter', 'anthropic', 'gemini'];
  const routes = new FailoverRouteStore(backends);
  const harness: Harness = {
    routes,
    defaultBackend: undefined,
    session: createSessionState(options.sessionId ?? 'session-1', 1_000),
    env: {
      routes,
      configuredBackends: backends,
      defaultBackend: { get: () => harness.defaultBackend, set: (backend) => (harness.defaultBackend = backend) },
      ...(options.reasoningAliases === null ? {} : { reasoningAliases: options.reasoningAliases ?? testAliases }),
      version: '9.9.9',
      now: 2_000,
    },
    send(messages, sendOptions = {}) {
      const list = typeof messages === 'string' ? [user(messages)] : messages;
      const result = processCommands({
        request: requestOf(...list),
        session: harness.session,
        prefix: sendOptions.prefix ?? '!/',
        disabled: false,
        forceSetProject: sendOptions.forceSetProject ?? false,
        context: harness.env,
      });
      harness.session = result.session;
      return result;
    },
    reply(text) {
      const result = harness.send(text);
      if (result.kind !== 'reply') throw new Error(`expected a reply to ${text}, got a forward`);
      return result.text;
    },
  };
  return harness;
}
