import {
  canonicalToOpenAIChatEvents,
  encodeOpenAIChatBody,
  renderOpenAIChatError,
} from '../../protocols/openai-chat/index.js';
import type { FrontEnd } from '../front-end.js';
import { withRetryAfter } from './with-retry-after.js';

/** OpenAI Chat Completions clients (`/v1/chat/completions`). */
export const openaiChatFrontEnd: FrontEnd = {
  protocol: 'openai-chat',
  idPrefix: 'chatcmpl-',
  encodeStream: (context) =>
    canonicalToOpenAIChatEvents({
      id: context.id,
      model: context.model,
      created: context.created,
      includeUsage: context.request.includeUsage === true,
    }),
  encodeBody: (response, context) =>
    encodeOpenAIChatBody(response, { id: context.id, model: context.model, created: context.created }),
  renderError: (error) => withRetryAfter(error, renderOpenAIChatError(error)),
};
