import { mergeMap, pipe, type Observable, type OperatorFunction } from 'rxjs';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { decodeUtf8 } from '../streams/decode-utf8.js';
import { parseSse } from '../streams/parse-sse.js';
import type { SseEvent } from '../streams/sse-event.js';
import { withRawFrames } from '../streams/with-raw-frames.js';
import { collectText } from './collect-text.js';
import { parseUpstreamJson } from './parse-upstream-json.js';
import type { UpstreamResponse } from './request-upstream.js';

export interface UpstreamDecoders {
  readonly backend: string;
  /** The protocol's SSE stream decoder. */
  readonly events: () => OperatorFunction<SseEvent, CanonicalChunk>;
  /** The protocol's whole-body decoder, for upstreams that answer a stream request with JSON. */
  readonly body: (json: unknown) => readonly CanonicalChunk[];
  /** Also emit each upstream read, as text, as a `raw` chunk (wire capture). */
  readonly emitRawFrames?: boolean;
}

/** Turns an upstream response into canonical chunks: SSE through the stream decoder, JSON through the body decoder. */
export function decodeUpstreamResponse(response: UpstreamResponse, decoders: UpstreamDecoders): Observable<CanonicalChunk> {
  const decode: OperatorFunction<Uint8Array | string, CanonicalChunk> = response.contentType.includes('application/json')
    ? (source) => collectText(source).pipe(mergeMap((text) => decoders.body(parseUpstreamJson(text, decoders.backend))))
    : pipe(parseSse(), decoders.events());
  return decoders.emitRawFrames === true ? response.body.pipe(decodeUtf8(), withRawFrames(decode)) : response.body.pipe(decode);
}
