import { Observable } from 'rxjs';
import type { Readable } from 'node:stream';
import { UpstreamAbortedError, type AbortReasonSlot } from './abort-reason.js';

/**
 * Adapts an HTTP response body (an undici `BodyReadable` or any Node readable) to an Observable
 * of byte chunks. Unsubscribing before the body ended aborts the request with a typed reason and
 * destroys the unread body, because undici keeps the socket busy until a body is consumed or
 * cancelled — and an upstream nobody reads must stop generating.
 *
 * ```
 * body:   --a--b--c--|
 * result: --a--b--c--|
 * unsub:  --a--b-!        → request.abort(UpstreamAbortedError(reason)); body.destroy()
 * ```
 */
export function readableToObservable(
  body: Readable,
  request: { abort(reason: unknown): void },
  options: { readonly reason?: AbortReasonSlot; readonly mapError?: (error: unknown) => unknown } = {},
): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    let ended = false;
    const onData = (chunk: Uint8Array): void => subscriber.next(chunk);
    const onEnd = (): void => {
      ended = true;
      subscriber.complete();
    };
    const onError = (error: unknown): void => {
      ended = true;
      subscriber.error(options.mapError === undefined ? error : options.mapError(error));
    };
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    return () => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      if (ended) return;
      // Swallow the abort error the destroyed body may still emit.
      body.on('error', () => undefined);
      const abort = (): void => {
        request.abort(new UpstreamAbortedError(options.reason?.current ?? 'unsubscribed'));
        body.destroy();
      };
      if (options.reason?.current !== undefined) {
        abort();
        return;
      }
      // No reason given: the decoder saw the stream's terminal event (`[DONE]`, `message_stop`)
      // before the body's own end. Let the few bytes left drain so the keep-alive connection
      // is reused — but never for more than a second (an upstream that keeps talking is cut).
      const timer = setTimeout(abort, 1000);
      timer.unref();
      body.once('close', () => clearTimeout(timer));
      body.resume();
    };
  });
}
