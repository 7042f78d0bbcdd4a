import { serializeSse } from '../../streams/serialize-sse.js';
import { createJsonArrayWriter } from '../../streams/serialize-json-array-stream.js';
import type { SseEvent } from '../../streams/sse-event.js';

/** How encoded events are put on the wire: SSE, or Gemini's one-JSON-array stream. */
export interface StreamFraming {
  readonly contentType: string;
  readonly start: () => string;
  readonly event: (event: SseEvent) => string;
  readonly end: () => string;
}

export type StreamFormat = 'sse' | 'json-array';

export function createStreamFraming(format: StreamFormat): StreamFraming {
  if (format === 'sse') {
    return { contentType: 'text/event-stream; charset=utf-8', start: () => '', event: serializeSse, end: () => '' };
  }
  const writer = createJsonArrayWriter();
  return { contentType: 'application/json; charset=utf-8', start: writer.start, event: (event) => writer.element(event.data), end: writer.end };
}
