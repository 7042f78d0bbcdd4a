import { Observable } from 'rxjs';
import { createUtf8StreamDecoder } from '../streams/utf8-stream-decoder.js';

/** Collects a byte (or text) stream into one UTF-8 string (for upstreams that answer with a JSON body). */
export function collectText(body: Observable<Uint8Array | string>): Observable<string> {
  return new Observable<string>((subscriber) => {
    const decoder = createUtf8StreamDecoder();
    const parts: string[] = [];
    return body.subscribe({
      next: (chunk) => parts.push(decoder.decode(chunk)),
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        parts.push(decoder.end());
        subscriber.next(parts.join(''));
        subscriber.complete();
      },
    });
  });
}
