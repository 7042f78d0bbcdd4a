import type { FastifyError } from 'fastify';
import { GatewayError, isGatewayError } from '../errors/index.js';

/**
 * Maps what fastify itself throws while reading a request (bad JSON, body over the limit, wrong
 * content type) onto gateway errors, so every error reaches the client in its own protocol.
 */
export function fastifyErrorToGatewayError(error: FastifyError | GatewayError | Error): GatewayError {
  if (isGatewayError(error)) return error;
  const fastifyError = error as Partial<FastifyError>;
  const statusCode = fastifyError.statusCode;
  if (statusCode === 413) {
    return new GatewayError('GW_ERR_BODY_TOO_LARGE', 'Request body is larger than the configured limit', { cause: error });
  }
  if (fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new GatewayError('GW_ERR_BAD_JSON', 'Request body is empty; a JSON object is expected', { cause: error });
  }
  if (error instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new GatewayError('GW_ERR_BAD_JSON', `Request body is not valid JSON: ${error.message}`, { cause: error });
  }
  if (statusCode === 415) {
    return new GatewayError('GW_ERR_INVALID_REQUEST', 'Unsupported content type: send application/json', { cause: error, statusCode: 415 });
  }
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return new GatewayError('GW_ERR_INVALID_REQUEST', error.message, { cause: error, statusCode });
  }
  return new GatewayError('GW_ERR_INTERNAL', 'Internal gateway error', { cause: error });
}
