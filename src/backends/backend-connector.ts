import type { Observable } from 'rxjs';
import type { Dispatcher } from 'undici';
import type { ApiKey } from '../config/load-api-keys.js';
import type { BackendConfig, BackendFamily } from '../config/index.js';
import type { AbortReasonSlot } from '../streams/abort-reason.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import type { CanonicalRequest } from '../streams/canonical-request.js';

/** Where one upstream call goes: the backend, the model name it knows, and the key to use. */
export interface BackendTarget {
  readonly backend: BackendConfig;
  readonly model: string;
  readonly key: ApiKey | undefined;
}

export interface CallOptions {
  readonly dispatcher: Dispatcher;
  readonly reason?: AbortReasonSlot;
  /** Client headers a same-protocol upstream needs (Anthropic's `anthropic-beta`), lower-cased. */
  readonly forwardHeaders?: Readonly<Record<string, string>>;
  /** Emit each upstream network read, as text, as a `raw` chunk before its decoded chunks (wire capture). */
  readonly emitRawFrames?: boolean;
  /** Sees the exact body text sent upstream (wire capture); never the headers, which hold the key. */
  readonly observeRequest?: (url: string, body: string) => void;
}

/**
 * A connector for one backend family. `stream` is cold: nothing is sent until it is subscribed,
 * and unsubscribing aborts the upstream request. Upstream calls always stream when the provider
 * can, whether or not the client asked for a stream.
 */
export interface BackendConnector {
  readonly family: BackendFamily;
  stream(request: CanonicalRequest, target: BackendTarget, options: CallOptions): Observable<CanonicalChunk>;
  listModels(backend: BackendConfig, key: ApiKey | undefined, options: CallOptions): Observable<readonly string[]>;
  /** The provider's own input-token count, where it has an endpoint for it. */
  countTokens?(request: CanonicalRequest, target: BackendTarget, options: CallOptions): Observable<number>;
}
