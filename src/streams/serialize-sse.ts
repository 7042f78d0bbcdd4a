import type { SseEvent } from './sse-event.js';

/**
 * Renders one event in SSE framing: optional `event:` and `id:` lines, one `data:` line per
 * line of data, and the blank line that ends the event.
 *
 * @example
 * serializeSse({ event: 'ping', data: '{"type":"ping"}' });
 * // 'event: ping\ndata: {"type":"ping"}\n\n'
 */
export function serializeSse(event: SseEvent): string {
  const name = event.event === undefined ? '' : `event: ${event.event}\n`;
  const head = event.id === undefined ? name : `${name}id: ${event.id}\n`;
  const data = event.data.includes('\n') ? event.data.split('\n').join('\ndata: ') : event.data;
  return `${head}data: ${data}\n\n`;
}

/** An SSE comment line, used as a keep-alive; every SSE client ignores it. */
export function serializeSseComment(text: string): string {
  return `: ${text}\n\n`;
}
