import { Observable } from 'rxjs';

/** Collects a byte (or text) stream into one UTF-8 string (for upstreams that answer with a JSON body). */
export function collectText(body: Observable<Uint8Array | string>): Observable<string> {
  return new Observable<string>((subscriber) => {
    const decoder = new TextDecoder();
    const parts: string[] = [];
    return body.subscribe({
      next: (chunk) => parts.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })),
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        parts.push(decoder.decode());
        subscriber.next(parts.join(''));
        subscriber.complete();
      },
    });
  });
}
