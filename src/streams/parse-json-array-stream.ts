import { Observable, type OperatorFunction } from 'rxjs';
import { GatewayError } from '../errors/gateway-error.js';
import type { SseEvent } from './sse-event.js';
import { createUtf8StreamDecoder } from './utf8-stream-decoder.js';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** Where the scanner stands in the document. */
type Mode =
  | 'before' // nothing but whitespace seen yet
  | 'array' // inside the top-level array, between elements
  | 'element' // inside one element
  | 'after'; // the document is complete

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * Splits a streamed JSON array into its top-level elements, each emitted as `{ data }` (the
 * element's JSON text) as soon as it closes.
 *
 * Gemini's `streamGenerateContent` without `alt=sse` sends one JSON array incrementally
 * (`[{…},\r\n{…}]`), and its errors in this mode arrive as `[{"error":{…}}]`: both are just
 * elements here. The scan tracks strings and escapes, so `]`, `}` or `\"` inside a string never
 * end an element, and a streaming UTF-8 decoder keeps characters split across chunks whole.
 * A top-level object that is not wrapped in an array is emitted as one element. Text that is
 * not JSON, or a body that ends inside an element, errors with `GW_ERR_UPSTREAM_PROTOCOL`.
 *
 * ```
 * bytes:  --'[{"a":'--'1},\r\n{"b":2}]'--|
 * events: ------------{data:'{"a":1}'}-{data:'{"b":2}'}--|
 * ```
 *
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 * @example
 * body$.pipe(parseJsonArrayStream()).subscribe((event) => JSON.parse(event.data));
 */
export function parseJsonArrayStream(): OperatorFunction<Uint8Array | string, SseEvent> {
  return (source) =>
    new Observable<SseEvent>((subscriber) => {
      const decoder = createUtf8StreamDecoder();
      let mode: Mode = 'before';
      let wrapped = true; // false when the document is a bare value rather than an array
      let pieces: string[] = [];
      let depth = 0; // open `{`/`[` inside the current element
      let inString = false;
      let escaped = false;
      let primitive = false; // the element is a number, `true`, `false` or `null`

      const fail = (message: string): void => {
        pieces = [];
        subscriber.error(new GatewayError('GW_ERR_UPSTREAM_PROTOCOL', message));
      };

      const emit = (text: string, start: number, end: number): void => {
        pieces.push(text.slice(start, end));
        const data = pieces.length === 1 ? pieces[0] : pieces.join('');
        pieces = [];
        mode = wrapped ? 'array' : 'after';
        subscriber.next({ data });
      };

      /** Scans one decoded piece; returns false when it errored the subscriber. */
      const feed = (text: string): boolean => {
        let start = mode === 'element' ? 0 : -1;
        for (let index = 0; index < text.length; index++) {
          const code = text.charCodeAt(index);
          if (mode === 'element') {
            if (inString) {
              if (escaped) escaped = false;
              else if (code === BACKSLASH) escaped = true;
              else if (code === QUOTE) {
                inString = false;
                if (depth === 0) emit(text, start, index + 1);
              }
            } else if (primitive) {
              if (code === COMMA || code === CLOSE_BRACKET || isWhitespace(code)) {
                primitive = false;
                emit(text, start, index);
                index--; // the delimiter belongs to the array level
              }
            } else if (code === QUOTE) inString = true;
            else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
            else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
              depth--;
              if (depth === 0) emit(text, start, index + 1);
            }
            continue;
          }
          if (isWhitespace(code)) continue;
          if (mode === 'before' && code === OPEN_BRACKET) {
            mode = 'array';
          } else if (mode === 'array' && code === COMMA) {
            // Separators carry nothing; tolerate doubled ones as Gemini never sends them anyway.
          } else if (mode === 'array' && code === CLOSE_BRACKET) {
            mode = 'after';
          } else if (mode === 'after') {
            fail(`Unexpected text after the JSON array stream: ${JSON.stringify(text.slice(index, index + 40))}`);
            return false;
          } else {
            // A bare top-level value is accepted only as an object (an unwrapped error body).
            if (mode === 'before') wrapped = false;
            const valid = wrapped ? isValueStart(code) : code === OPEN_BRACE;
            if (!valid) {
              fail(`Unexpected text in a JSON array stream: ${JSON.stringify(text.slice(index, index + 40))}`);
              return false;
            }
            mode = 'element';
            start = index;
            depth = code === OPEN_BRACE || code === OPEN_BRACKET ? 1 : 0;
            inString = code === QUOTE;
            escaped = false;
            primitive = !inString && depth === 0;
          }
        }
        if (mode === 'element') pieces.push(start <= 0 ? text : text.slice(start));
        return true;
      };

      const subscription = source.subscribe({
        next: (chunk) => {
          if (subscriber.closed) return;
          const text = decoder.decode(chunk);
          if (text.length > 0) feed(text);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (subscriber.closed) return;
          if (!feed(decoder.end())) return;
          if (mode === 'element' && primitive) emit('', 0, 0);
          if (mode === 'element') fail('The JSON array stream ended inside an element');
          else subscriber.complete();
        },
      });
      return () => {
        pieces = [];
        subscription.unsubscribe();
      };
    });
}

/** `{`, `[`, `"`, `-`, a digit, or the first letter of `true`, `false`, `null`. */
function isValueStart(code: number): boolean {
  return (
    code === OPEN_BRACE ||
    code === OPEN_BRACKET ||
    code === QUOTE ||
    code === 45 ||
    (code >= 48 && code <= 57) ||
    code === 116 ||
    code === 102 ||
    code === 110
  );
}
