import type { FastifyReply } from 'fastify';
import { from } from 'rxjs';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import type { FrontEnd, ResponseContext } from '../front-end.js';
import { generateId } from '../request-identity.js';
import { respondWithBody } from './respond-with-body.js';
import { streamToClient } from './stream-to-client.js';

/** The chunks of a proxy-authored answer: one text block, a normal stop, zero usage. */
export function textReplyChunks(text: string): CanonicalChunk[] {
  const zero = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  return [
    { type: 'text-start', id: 'proxy' },
    { type: 'text-delta', id: 'proxy', delta: text },
    { type: 'text-end', id: 'proxy' },
    { type: 'usage', usage: zero },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'proxy_command' }, usage: zero },
  ];
}

/**
 * Answers the client from the proxy itself (an in-chat command's reply) in the client's own
 * protocol, streaming or not, through the same encoders that render upstream answers. No backend is
 * called.
 */
export async function replyWithText(
  reply: FastifyReply,
  frontEnd: FrontEnd,
  canonical: CanonicalRequest,
  text: string,
  options: { readonly now: () => number; readonly streamFormat?: 'sse' | 'json-array' },
): Promise<void> {
  const context: ResponseContext = {
    id: generateId(frontEnd.idPrefix),
    model: canonical.model,
    created: Math.floor(options.now() / 1000),
    request: canonical,
    generateId,
    ...(options.streamFormat === undefined ? {} : { streamFormat: options.streamFormat }),
  };
  reply.hijack();
  const raw = reply.raw;
  const chunks = from(textReplyChunks(text));
  const send = (statusCode: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void => {
    const json = JSON.stringify(body);
    raw.writeHead(statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...headers });
    raw.end(json);
  };
  if (canonical.stream) await streamToClient(chunks, frontEnd, context, raw, {}, (rendered) => send(rendered.statusCode, rendered.body, rendered.headers));
  else await respondWithBody(chunks, frontEnd, context, raw, {}, send);
}
