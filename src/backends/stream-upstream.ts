import { switchMap, type Observable } from 'rxjs';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import type { BackendTarget, CallOptions } from './backend-connector.js';
import { decodeUpstreamResponse, type UpstreamDecoders } from './decode-upstream-response.js';
import { requestUpstream, type UpstreamRequestOptions } from './request-upstream.js';

export interface StreamCall {
  readonly url: string;
  /** The protocol's request body; serialised once, and that exact text is what capture sees. */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly readError: UpstreamRequestOptions['readError'];
  readonly events: UpstreamDecoders['events'];
  readonly decodeBody: UpstreamDecoders['body'];
}

/**
 * A connector's streamed generation call: POSTs the body, shows its text to wire capture, and
 * decodes the answer (SSE or a plain JSON body) into canonical chunks. Cold, and unsubscribing
 * aborts the upstream request (see `requestUpstream`).
 */
export function streamUpstream(call: StreamCall, target: BackendTarget, options: CallOptions): Observable<CanonicalChunk> {
  const text = JSON.stringify(call.body);
  options.observeRequest?.(call.url, text);
  return requestUpstream({
    backend: target.backend.id,
    url: call.url,
    headers: call.headers,
    body: text,
    dispatcher: options.dispatcher,
    ...(options.reason === undefined ? {} : { reason: options.reason }),
    readError: call.readError,
  }).pipe(
    switchMap((response) =>
      decodeUpstreamResponse(response, {
        backend: target.backend.id,
        events: call.events,
        body: call.decodeBody,
        ...(options.emitRawFrames === undefined ? {} : { emitRawFrames: options.emitRawFrames }),
      }),
    ),
  );
}
