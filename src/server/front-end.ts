import type { OperatorFunction } from 'rxjs';
import type { GatewayError } from '../errors/index.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import type { CanonicalRequest } from '../streams/canonical-request.js';
import type { CanonicalResponse } from '../streams/canonical-response.js';
import type { SseEvent } from '../streams/sse-event.js';

export type ClientProtocol = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';

/** What the encoders need to know about the response they are writing. */
export interface ResponseContext {
  readonly id: string;
  /** The model name as the client asked for it. */
  readonly model: string;
  /** Seconds since the epoch. */
  readonly created: number;
  readonly request: CanonicalRequest;
  readonly generateId: (prefix: string) => string;
  /** How a stream is framed; SSE unless a Gemini client asked without `alt=sse`. */
  readonly streamFormat?: 'sse' | 'json-array';
}

export interface RenderedError {
  readonly statusCode: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One client-facing protocol: how its requests are read and its responses and errors written. */
export interface FrontEnd {
  readonly protocol: ClientProtocol;
  /** Prefix of the response ids this protocol's clients expect (`chatcmpl-`, `msg_`...). */
  readonly idPrefix: string;
  encodeStream(context: ResponseContext): OperatorFunction<CanonicalChunk, SseEvent>;
  encodeBody(response: CanonicalResponse, context: ResponseContext): unknown;
  renderError(error: GatewayError): RenderedError;
}
