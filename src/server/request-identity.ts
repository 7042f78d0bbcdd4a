import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * The session a request belongs to: the `x-session-id` header, or — documented fallback for
 * clients that send none — a stable hash of the client address and user agent.
 */
export function sessionIdOf(request: FastifyRequest): string {
  const header = request.headers['x-session-id'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && value.trim().length > 0) return value.trim().slice(0, 200);
  const agent = request.headers['user-agent'] ?? '';
  return `anon-${createHash('sha256').update(`${request.ip}|${agent}`).digest('hex').slice(0, 16)}`;
}

/** Ids for responses: `<prefix><random>`, short and URL-safe. */
export function generateId(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}
