import { Observable } from 'rxjs';
import type { Dispatcher } from 'undici';
import type { GatewayError } from '../errors/index.js';
import { UpstreamAbortedError, type AbortReasonSlot } from '../streams/abort-reason.js';
import { readableToObservable } from '../streams/readable-to-observable.js';
import { mapTransportError } from './map-transport-error.js';
import { UpstreamAbort } from './upstream-abort.js';

export interface UpstreamRequestOptions {
  readonly backend: string;
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly dispatcher: Dispatcher;
  readonly reason?: AbortReasonSlot;
  /** Reads a non-2xx answer into the protocol's typed upstream error. */
  readonly readError: (statusCode: number, bodyText: string, retryAfterSeconds: number | undefined) => GatewayError;
}

/** The head of a successful upstream answer; `body` streams once subscribed. */
export interface UpstreamResponse {
  readonly statusCode: number;
  readonly contentType: string;
  readonly body: Observable<Uint8Array>;
}

/**
 * Sends one request upstream and emits its response head once, with the body as a cold
 * Observable. An HTTP error status is read (the body is always drained) into a GatewayError;
 * transport failures are mapped to typed errors. Unsubscribing aborts the request.
 */
export function requestUpstream(options: UpstreamRequestOptions): Observable<UpstreamResponse> {
  return new Observable<UpstreamResponse>((subscriber) => {
    const abort = new UpstreamAbort();
    let settled = false;
    const url = new URL(options.url);
    // The dispatcher's own request, not undici's top-level `request(url, …)`: that one copies the
    // options into `{ ...options, origin, path, method }`, and on Node 20 a literal led by a spread
    // gets a hidden class of its own each time, so every read of it in undici's request and
    // handler constructors missed V8's inline caches, every request (about 30 misses).
    const answer = options.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: options.method ?? 'POST',
      headers: options.headers,
      body: options.body ?? null,
      signal: abort,
    });
    answer.then(
      async (response) => {
        if (subscriber.closed) {
          response.body.destroy();
          return;
        }
        const contentType = headerValue(response.headers['content-type']) ?? '';
        if (response.statusCode >= 400) {
          const text = await response.body.text().catch(() => '');
          settled = true;
          subscriber.error(options.readError(response.statusCode, text, retryAfterSeconds(response.headers['retry-after'])));
          return;
        }
        settled = true;
        subscriber.next({
          statusCode: response.statusCode,
          contentType,
          body: readableToObservable(response.body, abort, {
            ...{},
            ...(options.reason === undefined ? {} : { reason: options.reason }),
            mapError: (error) => mapTransportError(error, options.backend),
          }),
        });
        subscriber.complete();
      },
      (error: unknown) => {
        settled = true;
        if (!subscriber.closed) subscriber.error(mapTransportError(error, options.backend));
      },
    );
    return () => {
      if (!settled) abort.abort(new UpstreamAbortedError(options.reason?.current ?? 'unsubscribed'));
    };
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date). */
export function retryAfterSeconds(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = headerValue(value)?.trim();
  if (text === undefined || text.length === 0) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
