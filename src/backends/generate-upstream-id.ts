import { randomUUID } from 'node:crypto';

/** Ids the connectors make up for upstream items that come without one (Gemini function calls). */
export function generateUpstreamId(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}
