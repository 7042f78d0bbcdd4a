/** Why the gateway stopped reading an upstream response; passed to the upstream request's `abort`. */
export type AbortReasonKind =
  | 'client-disconnected'
  | 'loop-detected'
  | 'tool-loop-break'
  | 'timeout'
  | 'unsubscribed';

/** The typed reason an upstream request is aborted with. */
export class UpstreamAbortedError extends Error {
  constructor(readonly reason: AbortReasonKind) {
    super(`Upstream request aborted: ${reason}`);
    this.name = 'UpstreamAbortedError';
  }
}

/**
 * A mutable slot the pipeline fills before it unsubscribes (client gone, loop cut...), so the
 * connector's teardown can abort with the right reason. Teardown itself carries no reason in RxJS.
 */
export interface AbortReasonSlot {
  current?: AbortReasonKind;
}
