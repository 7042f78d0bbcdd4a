import type { CanonicalMessage, UserContentPart } from '../streams/canonical-request.js';
import { parseMessageCommands, type MessageCommands, type TextContentPart } from './parsing/parse-message-commands.js';

type UserMessage = Extract<CanonicalMessage, { role: 'user' }>;

/** The text parts of a user message, in order, for {@link parseMessageCommands}. */
export function textPartsOf(message: UserMessage): TextContentPart[] {
  return message.content.flatMap((part) => (part.type === 'text' ? [{ type: 'text' as const, text: part.text }] : []));
}

/** Parses a user message's commands (see {@link parseMessageCommands}). */
export function parseUserMessage(message: UserMessage, prefix: string, known: ReadonlySet<string>): MessageCommands {
  return parseMessageCommands(textPartsOf(message), prefix, known);
}

/**
 * The message with each text part replaced by its stripped text (parts that became empty are
 * removed); non-text parts (images, files) stay where they were.
 */
export function withStrippedText(message: UserMessage, parsed: MessageCommands): UserMessage {
  let index = 0;
  const content: UserContentPart[] = [];
  for (const part of message.content) {
    if (part.type !== 'text') {
      content.push(part);
      continue;
    }
    const text = parsed.strippedParts[index];
    index += 1;
    if (text === part.text) content.push(part);
    else if (text !== '') content.push({ ...{}, ...part, text });
  }
  return { ...{}, ...message, content };
}
