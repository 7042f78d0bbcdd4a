import type { FastifyInstance } from 'fastify';

/** `GET /health`: unauthenticated liveness with the configured backends. */
export async function healthRoutes(app: FastifyInstance, options: { readonly backends: () => readonly string[] }): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string' }, backends: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
    async () => ({ status: 'ok', backends: options.backends() }),
  );
}
