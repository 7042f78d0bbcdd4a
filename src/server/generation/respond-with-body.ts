import type { Observable } from 'rxjs';
import type { ServerResponse } from 'node:http';
import { toGatewayError } from '../../errors/index.js';
import type { AbortReasonSlot } from '../../streams/abort-reason.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { reduceChunks } from '../../streams/reduce-chunks.js';
import type { FrontEnd, RenderedError, ResponseContext } from '../front-end.js';

/**
 * Answers a non-streaming client: the same chunk stream, reduced to one response and encoded as
 * the protocol's JSON body. A client that goes away unsubscribes, which aborts the upstream.
 */
export function respondWithBody(
  chunks: Observable<CanonicalChunk>,
  frontEnd: FrontEnd,
  context: ResponseContext,
  raw: ServerResponse,
  reason: AbortReasonSlot,
  send: (statusCode: number, body: unknown, headers?: Readonly<Record<string, string>>) => void,
): Promise<{ readonly statusCode: number; readonly clientDisconnected: boolean }> {
  return new Promise((resolve) => {
    const subscription = chunks.pipe(reduceChunks()).subscribe({
      next: (response) => {
        send(200, frontEnd.encodeBody(response, context));
        resolve({ statusCode: 200, clientDisconnected: false });
      },
      error: (error: unknown) => {
        const rendered: RenderedError = frontEnd.renderError(toGatewayError(error));
        send(rendered.statusCode, rendered.body, rendered.headers);
        resolve({ statusCode: rendered.statusCode, clientDisconnected: false });
      },
    });
    raw.once('close', () => {
      if (raw.writableFinished || subscription.closed) return;
      reason.current ??= 'client-disconnected';
      subscription.unsubscribe();
      resolve({ statusCode: 499, clientDisconnected: true });
    });
  });
}
