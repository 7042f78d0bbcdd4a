import { Observable, type OperatorFunction } from 'rxjs';
import type { SseEvent } from './sse-event.js';
import { createUtf8StreamDecoder } from './utf8-stream-decoder.js';

const LF = 10;
const CR = 13;

/**
 * Parses a byte stream as server-sent events.
 *
 * One streaming UTF-8 decoder per subscription, so a character split across network chunks is
 * decoded whole. Accepts LF, CR and CRLF line endings (also a CRLF split between two chunks),
 * joins repeated `data:` lines with `\n`, strips one space after the colon and trailing spaces
 * (Anthropic pads its data lines), ignores `:` comment lines, and emits a last event that lacks
 * its closing blank line.
 *
 * ```
 * bytes:  --"data: {"a"--":1}\n\n"--"data: 2\n\n"--|
 * events: -------------{data:'{"a":1}'}--{data:'2'}--|
 * ```
 *
 * @example
 * body$.pipe(parseSse()).subscribe((event) => JSON.parse(event.data));
 */
export function parseSse(): OperatorFunction<Uint8Array | string, SseEvent> {
  return (source) =>
    new Observable<SseEvent>((subscriber) => {
      const decoder = createUtf8StreamDecoder();
      let pending = '';
      let skipLeadingLf = false;
      let dataLines: string[] = [];
      let eventName: string | undefined;
      let eventId: string | undefined;

      const dispatch = (): void => {
        if (dataLines.length > 0) {
          const data = dataLines.length === 1 ? dataLines[0] : dataLines.join('\n');
          const event: SseEvent =
            eventName === undefined && eventId === undefined
              ? { data }
              : { data, ...(eventName === undefined ? {} : { event: eventName }), ...(eventId === undefined ? {} : { id: eventId }) };
          subscriber.next(event);
        }
        dataLines = [];
        eventName = undefined;
        eventId = undefined;
      };

      const handleLine = (line: string): void => {
        if (line.length === 0) {
          dispatch();
          return;
        }
        if (line.charCodeAt(0) === 58 /* ':' */) return;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? '' : line.slice(colon + 1);
        if (value.charCodeAt(0) === 32) value = value.slice(1);
        value = value.trimEnd();
        if (field === 'data') dataLines.push(value);
        else if (field === 'event') eventName = value;
        else if (field === 'id') eventId = value;
      };

      const feed = (text: string): void => {
        if (text.length === 0) return;
        if (skipLeadingLf) {
          skipLeadingLf = false;
          if (text.charCodeAt(0) === LF) text = text.slice(1);
        }
        const buffer = pending.length === 0 ? text : pending + text;
        let start = 0;
        const length = buffer.length;
        for (let index = 0; index < length; index++) {
          const code = buffer.charCodeAt(index);
          if (code !== LF && code !== CR) continue;
          handleLine(buffer.slice(start, index));
          if (code === CR) {
            if (index + 1 < length) {
              if (buffer.charCodeAt(index + 1) === LF) index++;
            } else {
              skipLeadingLf = true;
            }
          }
          start = index + 1;
        }
        pending = start === 0 ? buffer : buffer.slice(start);
      };

      return source.subscribe({
        next: (chunk) => {
          feed(decoder.decode(chunk));
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          feed(decoder.end());
          if (pending.length > 0) handleLine(pending);
          pending = '';
          dispatch();
          subscriber.complete();
        },
      });
    });
}
