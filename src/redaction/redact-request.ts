import type {
  AssistantContentPart,
  CanonicalMessage,
  CanonicalRequest,
  ToolResultPart,
  UserContentPart,
} from '../streams/canonical-request.js';
import type { SecretRedactor } from './redact-secrets.js';

export interface RequestRedaction {
  /** The same object as the input when nothing was replaced. */
  readonly request: CanonicalRequest;
  readonly count: number;
}

/**
 * Redacts API keys in the text of every message of every role before the request is forwarded
 * (SEED-SPEC §11.6): system prompts, user text parts, assistant text and tool-call arguments,
 * and the text parts of tool results.
 *
 * Reasoning parts are left alone on purpose: Anthropic and Gemini sign the thinking text, and a
 * changed byte makes the upstream reject the whole history. Images and files are not text.
 * Only the messages (and parts) that changed are copied; the rest is shared with the input.
 *
 * @param request The decoded client request.
 * @param redactor From `createSecretRedactor` (marker `(API_KEY_HAS_BEEN_REDACTED)`).
 * @example
 * const { request: safe, count } = redactCanonicalRequest(request, redactor);
 * if (count > 0) log.warn({ count }, 'API key detected in prompt');
 */
export function redactCanonicalRequest(request: CanonicalRequest, redactor: SecretRedactor): RequestRedaction {
  let count = 0;
  const redactText = (text: string): string => {
    const result = redactor(text);
    count += result.count;
    return result.text;
  };
  let messages: CanonicalMessage[] | undefined;
  request.messages.forEach((message, index) => {
    const redacted = redactMessage(message, redactText);
    if (redacted !== message) {
      messages ??= request.messages.slice();
      messages[index] = redacted;
    }
  });
  return messages === undefined ? { request, count: 0 } : { request: { ...{}, ...request, messages }, count };
}

type RedactText = (text: string) => string;

function redactMessage(message: CanonicalMessage, redactText: RedactText): CanonicalMessage {
  switch (message.role) {
    case 'system': {
      const content = redactText(message.content);
      return content === message.content ? message : { ...{}, ...message, content };
    }
    case 'user': {
      const content = mapShared(message.content, (part) => redactUserPart(part, redactText));
      return content === message.content ? message : { ...{}, ...message, content };
    }
    case 'assistant': {
      const content = mapShared(message.content, (part) => redactAssistantPart(part, redactText));
      return content === message.content ? message : { ...{}, ...message, content };
    }
    case 'tool': {
      const content = mapShared(message.content, (part) => redactToolResult(part, redactText));
      return content === message.content ? message : { ...{}, ...message, content };
    }
    default: {
      const unexpected: never = message;
      return unexpected;
    }
  }
}

function redactUserPart(part: UserContentPart, redactText: RedactText): UserContentPart {
  if (part.type !== 'text') return part;
  const text = redactText(part.text);
  return text === part.text ? part : { ...{}, ...part, text };
}

function redactAssistantPart(part: AssistantContentPart, redactText: RedactText): AssistantContentPart {
  if (part.type === 'text') {
    const text = redactText(part.text);
    return text === part.text ? part : { ...{}, ...part, text };
  }
  if (part.type === 'tool-call') {
    // The markers hold no quote or backslash, so a redacted JSON argument string stays valid JSON.
    const input = redactText(part.input);
    return input === part.input ? part : { ...{}, ...part, input };
  }
  return part;
}

function redactToolResult(part: ToolResultPart, redactText: RedactText): ToolResultPart {
  const output = mapShared(part.output, (item) => {
    if (item.type !== 'text') return item;
    const text = redactText(item.text);
    return text === item.text ? item : { ...{}, ...item, text };
  });
  return output === part.output ? part : { ...{}, ...part, output };
}

/** `Array.map` that returns the input array itself when no element changed. */
function mapShared<T>(items: readonly T[], transform: (item: T) => T): readonly T[] {
  let copy: T[] | undefined;
  items.forEach((item, index) => {
    const next = transform(item);
    if (next !== item) {
      copy ??= items.slice();
      copy[index] = next;
    }
  });
  return copy ?? items;
}
