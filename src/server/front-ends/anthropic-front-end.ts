import { canonicalToAnthropicEvents, encodeAnthropicBody, renderAnthropicError } from '../../protocols/anthropic/index.js';
import type { FrontEnd } from '../front-end.js';
import { withRetryAfter } from './with-retry-after.js';

/** Anthropic Messages clients (`/anthropic/v1/messages`, `/v1/messages`, the Anthropic port). */
export const anthropicFrontEnd: FrontEnd = {
  protocol: 'anthropic',
  idPrefix: 'msg_',
  encodeStream: (context) => canonicalToAnthropicEvents({ id: context.id, model: context.model, ping: true }),
  encodeBody: (response, context) => ({
    ...{},
    ...encodeAnthropicBody(response, { generateId: context.generateId, now: () => context.created * 1000 }),
    id: context.id,
    model: context.model,
  }),
  renderError: (error) => withRetryAfter(error, renderAnthropicError(error)),
};
