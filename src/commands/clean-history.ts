import type { CanonicalMessage } from '../streams/canonical-request.js';
import { messageIdentity } from './message-identity.js';
import { parseUserMessage, withStrippedText } from './strip-user-message.js';

/**
 * Removes the proxy's own traffic from replayed history (SEED-SPEC §3.4 "non-forwardable"):
 * clients resend the whole conversation, so earlier command messages and the proxy's replies
 * would otherwise reach the model on every later turn.
 *
 * - a message whose identity the session recorded (a command-only user message, a proxy reply)
 *   is dropped;
 * - an earlier user message that is only commands (re-parsed with the current prefix) is
 *   dropped; one that mixed commands and text keeps its text, with the commands stripped
 *   (the SEED-SPEC recommendation, instead of dropping it whole);
 * - system and tool messages are never parsed, and nothing is executed here.
 *
 * @param messages the history before the message being processed
 * @example
 * cleanHistory([user('!/hello'), assistant('Welcome…'), user('hi')], new Set([id('Welcome…')]), '!/', names);
 * // [user('hi')]
 */
export function cleanHistory(
  messages: readonly CanonicalMessage[],
  nonForwardable: ReadonlySet<string>,
  prefix: string,
  knownCommands: ReadonlySet<string>,
): CanonicalMessage[] {
  const kept: CanonicalMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'tool') {
      kept.push(message);
      continue;
    }
    const identity = messageIdentity(message);
    if (identity !== undefined && nonForwardable.has(identity)) continue;
    if (message.role === 'assistant') {
      kept.push(message);
      continue;
    }
    const parsed = parseUserMessage(message, prefix, knownCommands);
    const hasOtherContent = message.content.some((part) => part.type !== 'text');
    if (parsed.onlyCommands && !hasOtherContent) continue;
    kept.push(parsed.commands.length === 0 ? message : withStrippedText(message, parsed));
  }
  return kept;
}
