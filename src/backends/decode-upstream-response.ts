import { from, switchMap, type Observable, type OperatorFunction } from 'rxjs';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
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
  /** Also emit each upstream frame as a `raw` chunk (wire capture). */
  readonly emitRawFrames?: boolean;
}

/** Turns an upstream response into canonical chunks: SSE through the stream decoder, JSON through the body decoder. */
export function decodeUpstreamResponse(response: UpstreamResponse, decoders: UpstreamDecoders): Observable<CanonicalChunk> {
  if (response.contentType.includes('application/json')) {
    return collectText(response.body).pipe(
      switchMap((text) => {
        const json = parseUpstreamJson(text, decoders.backend);
        const chunks = decoders.body(json);
        return from(decoders.emitRawFrames === true ? [{ type: 'raw' as const, rawValue: json }, ...chunks] : chunks);
      }),
    );
  }
  const events = decoders.events();
  return response.body.pipe(parseSse(), decoders.emitRawFrames === true ? withRawFrames(events) : events);
}
