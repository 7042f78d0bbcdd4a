import type { AssistantContentPart, CanonicalMessage } from '../../streams/canonical-request.js';
import type { CanonicalResponse } from '../../streams/canonical-response.js';

/**
 * A finished response as the assistant turn of the stored conversation. Text is the text the
 * client was finally given (a structured-output repair, when there was one), without the
 * gateway's verdict metadata; reasoning keeps its provider metadata (OpenAI encrypted content,
 * signatures) so a same-provider follow-up can send it back.
 *
 * @returns `undefined` for a response with no content.
 * @example
 * assistantMessageOf(response); // { role: 'assistant', content: [{ type: 'text', text: 'Hi' }] }
 */
export function assistantMessageOf(response: CanonicalResponse): CanonicalMessage | undefined {
  const content = response.content.map((part): AssistantContentPart => {
    if (part.type !== 'text') return part;
    const repaired = part.providerMetadata?.structuredOutput?.repairedText;
    return { type: 'text', text: typeof repaired === 'string' ? repaired : part.text };
  });
  return content.length === 0 ? undefined : { role: 'assistant', content };
}
