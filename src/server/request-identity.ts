import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Session headers, in order: ours, then the ones coding agents send by themselves (Codex CLI
 * sends `session-id`, Claude Code `x-claude-code-session-id`), so two agent runs on one machine
 * are two sessions even without configuration.
 */
const sessionHeaders = ['x-session-id', 'session-id', 'x-claude-code-session-id'] as const;

/**
 * The session a request belongs to: the first session header present, or — documented fallback
 * for clients that send none — a stable hash of the client address and user agent.
 */
export function sessionIdOf(request: FastifyRequest): string {
  for (const name of sessionHeaders) {
    const header = request.headers[name];
    const value = Array.isArray(header) ? header[0] : header;
    if (value !== undefined && value.trim().length > 0) return value.trim().slice(0, 200);
  }
  const agent = request.headers['user-agent'] ?? '';
  return `anon-${createHash('sha256').update(`${request.ip}|${agent}`).digest('hex').slice(0, 16)}`;
}

/** Ids for responses: `<prefix><random>`, short and URL-safe. */
export function generateId(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}
