import type { FastifyInstance } from 'fastify';
import { fastifyErrorToGatewayError } from '../fastify-error-to-gateway-error.js';
import type { FrontEnd } from '../front-end.js';
import { maskGatewayError } from '../mask-error-secrets.js';
import type { SecretRedactor } from '../../redaction/index.js';

/** Renders every error raised inside this (encapsulated) plugin in the front-end's own shape. */
export function useProtocolErrorHandler(app: FastifyInstance, frontEnd: FrontEnd, redactor?: SecretRedactor): void {
  app.setErrorHandler(async (error, request, reply) => {
    const unmasked = fastifyErrorToGatewayError(error as Error);
    const gatewayError = redactor === undefined ? unmasked : maskGatewayError(unmasked, redactor);
    if (gatewayError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    const rendered = frontEnd.renderError(gatewayError);
    return reply.code(rendered.statusCode).headers(rendered.headers ?? {}).send(rendered.body);
  });
}
