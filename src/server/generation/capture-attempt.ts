import type { OperatorFunction } from 'rxjs';
import { formatCaptureSource, nextCaptureSequence, type CaptureContext } from '../../observability/index.js';
import { captureWire } from '../../operators/capture-wire.js';
import type { Attempt } from '../../routing/index.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { GatewayCore } from '../gateway-core.js';

/** The client a request came from, as wire capture names it. */
export interface ClientIdentity {
  readonly sessionId: string;
  readonly requestId: string;
  readonly clientHost: string;
  readonly userAgent: string;
}

/**
 * Wire capture for one upstream attempt, when `--capture-file` is on: the exact body sent
 * (`outbound_request`) and every upstream read (`stream_start` / `stream_chunk` / `stream_end`),
 * tagged with backend, model and the key's variable name, secrets masked. The operator ends the
 * `raw` chunks it asked the connector for.
 */
export function captureFor(
  core: GatewayCore,
  attempt: Attempt,
  client: ClientIdentity | undefined,
): { readonly observeRequest: (url: string, body: string) => void; readonly operator: OperatorFunction<CanonicalChunk, CanonicalChunk> } | undefined {
  const sink = core.observability.capture;
  if (sink === undefined) return undefined;
  const context: CaptureContext = {
    backend: attempt.backend,
    model: attempt.model,
    ...(attempt.keyName === undefined ? {} : { keyName: attempt.keyName }),
    source: client === undefined ? 'unknown_client' : formatCaptureSource(client.clientHost, client.userAgent),
    destination: attempt.backend,
    ...(client === undefined ? {} : { sessionId: client.sessionId, requestId: client.requestId, clientHost: client.clientHost, userAgent: client.userAgent }),
  };
  return {
    observeRequest: (url, body) => sink.write({ direction: 'outbound_request', payloadJson: body, context, now: core.now(), sequence: nextCaptureSequence(), metadata: { url } }),
    // The raw reads exist only for the capture: stopping them there spares every later operator
    // a second copy of the stream, and keeps the rest of the pipeline as it runs with capture off.
    operator: captureWire({ sink, context, now: core.now, consumeRaw: true }),
  };
}
