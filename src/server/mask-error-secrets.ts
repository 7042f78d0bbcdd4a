import { catchError, map, throwError, type OperatorFunction } from 'rxjs';
import { GatewayError, toGatewayError } from '../errors/index.js';
import type { SecretRedactor } from '../redaction/index.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';

/**
 * A copy of the error whose message has every known key and key-shaped string masked: upstream
 * error messages sometimes echo the key they were sent, and that must not reach a client.
 */
export function maskGatewayError(error: GatewayError, redactor: SecretRedactor): GatewayError {
  const { text, count } = redactor(error.message);
  return count === 0 ? error : new GatewayError(error.code, text, { statusCode: error.statusCode, info: error.info, retryable: error.isRetryable });
}

/** Masks secrets in in-band error chunks and in the stream's own error. */
export function maskErrorSecrets(redactor: SecretRedactor): OperatorFunction<CanonicalChunk, CanonicalChunk> {
  return (source) =>
    source.pipe(
      map((chunk) => (chunk.type === 'error' ? { ...{}, ...chunk, error: { ...{}, ...chunk.error, message: redactor(chunk.error.message).text } } : chunk)),
      catchError((error: unknown) => throwError(() => maskGatewayError(toGatewayError(error), redactor))),
    );
}
