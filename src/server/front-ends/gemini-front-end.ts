import { canonicalToGeminiEvents, encodeGeminiBody, renderGeminiError } from '../../protocols/gemini/index.js';
import type { FrontEnd } from '../front-end.js';
import { withRetryAfter } from './with-retry-after.js';

/** Gemini clients (`/v1beta/models/…:generateContent` and `:streamGenerateContent`, also under `/v1`). */
export const geminiFrontEnd: FrontEnd = {
  protocol: 'gemini',
  idPrefix: 'resp-',
  encodeStream: (context) => canonicalToGeminiEvents({ model: context.model, responseId: context.id }),
  encodeBody: (response, context) => encodeGeminiBody(response, { model: context.model, responseId: context.id }),
  renderError: (error) => withRetryAfter(error, renderGeminiError(error)),
};
