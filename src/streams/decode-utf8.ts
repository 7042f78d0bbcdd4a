import { Observable, type OperatorFunction } from 'rxjs';
import { createUtf8StreamDecoder } from './utf8-stream-decoder.js';

/**
 * Decodes a byte stream as UTF-8 text, one piece per chunk. One streaming decoder per
 * subscription, so a character split across chunks comes out whole, in the later piece; a chunk
 * that holds only the start of a character yields no piece.
 *
 * ```
 * bytes: --"da"--"ta: \xC3"--"\xA9\n"--|
 * text:  --"da"--"ta: "------"é\n"-----|
 * ```
 */
export function decodeUtf8(): OperatorFunction<Uint8Array, string> {
  return (source) =>
    new Observable<string>((subscriber) => {
      const decoder = createUtf8StreamDecoder();
      return source.subscribe({
        next: (chunk) => {
          const text = decoder.decode(chunk);
          if (text.length > 0) subscriber.next(text);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          const rest = decoder.end();
          if (rest.length > 0) subscriber.next(rest);
          subscriber.complete();
        },
      });
    });
}
