import { Subject, type Observable, type Subscription } from 'rxjs';
import type { ServerResponse } from 'node:http';
import { toGatewayError } from '../../errors/index.js';
import type { AbortReasonSlot } from '../../streams/abort-reason.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { FrontEnd, RenderedError, ResponseContext } from '../front-end.js';
import { createStreamFraming } from './stream-framing.js';

export interface StreamOutcome {
  /**
   * The exchange's status: the HTTP status sent, or 499 (nginx's "client closed request") when the
   * client went away before the end, even after a 200 went out: a usage row should not count an
   * abandoned answer as a complete one.
   */
  readonly statusCode: number;
  /** Whether the stream ended with an in-band error. */
  readonly inBandError: boolean;
  readonly clientDisconnected: boolean;
}

/**
 * Writes a chunk stream to the client in the front-end's protocol (SSE, or Gemini's JSON array).
 *
 * Headers go out with the first chunk, so an upstream that fails before producing anything is
 * answered with a real HTTP error in the client's protocol (and the routing layer may still fail
 * over). After the first byte, an error becomes the protocol's in-band error event. A client that
 * disconnects unsubscribes the pipeline, which aborts the upstream request.
 */
export function streamToClient(
  chunks: Observable<CanonicalChunk>,
  frontEnd: FrontEnd,
  context: ResponseContext,
  raw: ServerResponse,
  reason: AbortReasonSlot,
  sendError: (rendered: RenderedError) => void,
): Promise<StreamOutcome> {
  return new Promise<StreamOutcome>((resolve) => {
    let sink: Subject<CanonicalChunk> | undefined;
    let inBandError = false;
    let disconnected = false;
    let corked = false;
    let subscription: Subscription | undefined;

    const write = (text: string): void => {
      // Events produced in the same tick (one upstream packet) leave in one write.
      if (!corked) {
        corked = true;
        raw.cork();
        process.nextTick(() => {
          corked = false;
          raw.uncork();
        });
      }
      raw.write(text);
    };

    const framing = createStreamFraming(context.streamFormat ?? 'sse');
    const open = (): Subject<CanonicalChunk> => {
      raw.writeHead(200, {
        'content-type': framing.contentType,
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const subject = new Subject<CanonicalChunk>();
      const head = framing.start();
      if (head.length > 0) write(head);
      subject.pipe(frontEnd.encodeStream(context)).subscribe({
        next: (event) => write(framing.event(event)),
        error: () => raw.end(framing.end()),
        complete: () => {
          raw.end(framing.end());
          resolve({ statusCode: 200, inBandError, clientDisconnected: false });
        },
      });
      return subject;
    };

    const onClose = (): void => {
      if (raw.writableFinished) return;
      disconnected = true;
      reason.current ??= 'client-disconnected';
      subscription?.unsubscribe();
      resolve({ statusCode: 499, inBandError, clientDisconnected: true });
    };
    raw.once('close', onClose);

    subscription = chunks.subscribe({
      next: (chunk) => {
        sink ??= open();
        if (chunk.type === 'error') inBandError = true;
        sink.next(chunk);
      },
      error: (error: unknown) => {
        if (disconnected) return;
        const gatewayError = toGatewayError(error);
        if (sink === undefined) {
          const rendered = frontEnd.renderError(gatewayError);
          sendError(rendered);
          resolve({ statusCode: rendered.statusCode, inBandError: false, clientDisconnected: false });
          return;
        }
        inBandError = true;
        sink.next({ type: 'error', error: gatewayError.toChunkError() });
        sink.complete();
      },
      complete: () => {
        sink ??= open();
        sink.complete();
      },
    });
  });
}
