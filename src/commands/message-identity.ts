import { createHash } from 'node:crypto';
import type { CanonicalMessage } from '../streams/canonical-request.js';

/** The text of a message's text parts, joined as the model reads them; `undefined` for other roles. */
export function messageText(message: CanonicalMessage): string | undefined {
  if (message.role !== 'user' && message.role !== 'assistant') return undefined;
  let text = '';
  for (const part of message.content) if (part.type === 'text') text += part.text;
  return text;
}

/**
 * The identity of a user or assistant message for the "never forward" list (SEED-SPEC §3.4): a
 * SHA-256 of the role and the trimmed text, so client metadata, part splitting and surrounding
 * whitespace (which clients change when they replay history) do not matter.
 *
 * @example
 * identityOf('assistant', 'Model changed to gpt-4o') === messageIdentity(replayedReply); // true
 */
export function identityOf(role: 'user' | 'assistant', text: string): string {
  return createHash('sha256').update(`${role}\n${text.trim()}`).digest('hex');
}

/** {@link identityOf} for a message; `undefined` for system and tool messages (never matched). */
export function messageIdentity(message: CanonicalMessage): string | undefined {
  const text = messageText(message);
  if (text === undefined || (message.role !== 'user' && message.role !== 'assistant')) return undefined;
  return identityOf(message.role, text);
}
