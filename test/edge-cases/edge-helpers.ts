import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { from, lastValueFrom, toArray, type Observable, type OperatorFunction } from 'rxjs';
import { request } from 'undici';
import type { CanonicalChunk } from '../../src/streams/canonical-chunk.js';
import type { CanonicalResponse } from '../../src/streams/canonical-response.js';
import { parseSse } from '../../src/streams/parse-sse.js';
import { reduceChunkArray } from '../../src/streams/reduce-chunks.js';
import type { SseEvent } from '../../src/streams/sse-event.js';

/** Shared plumbing for the D.1–D.22 edge-case tests: running codecs on crafted input, raw servers. */

export async function collect<T>(source: Observable<T>): Promise<T[]> {
  return lastValueFrom(source.pipe(toArray()));
}

/** A deterministic id source (`prefix` + counter), standing in for the CodecContext. */
export function counterIds(): (prefix: string) => string {
  let next = 0;
  return (prefix) => `${prefix}${next++}`;
}

/** Parses SSE text (or byte pieces) into events with the real `parseSse`. */
export async function sseEvents(body: string | readonly Uint8Array[]): Promise<SseEvent[]> {
  return collect(from(typeof body === 'string' ? [body] : body).pipe(parseSse()));
}

/** Runs a decoder over an SSE body and returns the canonical chunks. */
export async function decodeSse(body: string | readonly Uint8Array[], decoder: OperatorFunction<SseEvent, CanonicalChunk>): Promise<CanonicalChunk[]> {
  return collect(from(typeof body === 'string' ? [body] : body).pipe(parseSse(), decoder));
}

/** Runs an encoder over canonical chunks and returns the wire events. */
export async function encodeChunks(chunks: readonly CanonicalChunk[], encoder: OperatorFunction<CanonicalChunk, SseEvent>): Promise<SseEvent[]> {
  return collect(from(chunks).pipe(encoder));
}

export function reduce(chunks: readonly CanonicalChunk[]): CanonicalResponse {
  return reduceChunkArray(chunks);
}

export function textOf(response: CanonicalResponse): string {
  return response.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
}

export function toolCallsOf(response: CanonicalResponse): { id: string; name: string; args: unknown }[] {
  return response.content.flatMap((part) =>
    part.type === 'tool-call' ? [{ id: part.toolCallId, name: part.toolName, args: JSON.parse(part.input) as unknown }] : [],
  );
}

/** SSE framing of JSON payloads: `event:` lines for Anthropic and Responses, bare `data:` otherwise. */
export function frame(payloads: readonly unknown[], style: 'anthropic' | 'openai' | 'gemini', options: { readonly done?: boolean } = {}): string {
  const lines = payloads.map((payload) => {
    const json = typeof payload === 'string' ? payload : JSON.stringify(payload);
    if (style !== 'anthropic') return `data: ${json}\n\n`;
    const type = (JSON.parse(json) as { type: string }).type;
    return `event: ${type}\ndata: ${json}\n\n`;
  });
  return lines.join('') + (options.done === true ? 'data: [DONE]\n\n' : '');
}

/** An OpenAI `chat.completion.chunk` payload with one choice. */
export function openaiChunk(delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'chatcmpl-edge', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'edge-model', choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra };
}

/** Events whose data is JSON, parsed. */
export function payloads(events: readonly SseEvent[]): Record<string, unknown>[] {
  return events.filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data) as Record<string, unknown>);
}

export interface RawServer {
  readonly url: string;
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

/**
 * A tiny loopback HTTP server for crafted upstream bodies. GETs (model listings) get an empty
 * list in every vendor's shape; POSTs go to `handle`.
 */
export async function startRawServer(handle: (body: string, response: ServerResponse, request: IncomingMessage) => void): Promise<RawServer> {
  const requests: RawServer['requests'] = [];
  const server: Server = createServer((incoming, response) => {
    const parts: Buffer[] = [];
    incoming.on('data', (part: Buffer) => parts.push(part));
    incoming.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      requests.push({ method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: incoming.headers, body });
      if (incoming.method !== 'POST') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ object: 'list', data: [], models: [], has_more: false }));
        return;
      }
      handle(body, response, incoming);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves a fixed body, optionally one piece per write with a pause between, so TCP cannot rejoin them. */
export function serveBody(
  body: string | Buffer,
  options: { readonly contentType?: string; readonly pieces?: readonly Buffer[]; readonly gapMs?: number } = {},
): (raw: string, response: ServerResponse) => void {
  return (_raw, response) => {
    response.writeHead(200, { 'content-type': options.contentType ?? 'text/event-stream', 'cache-control': 'no-cache' });
    const pieces = options.pieces ?? [Buffer.from(body)];
    let index = 0;
    const next = (): void => {
      if (response.destroyed) return;
      if (index >= pieces.length) {
        response.end();
        return;
      }
      response.write(pieces[index++]);
      setTimeout(next, options.gapMs ?? 0);
    };
    next();
  };
}

export interface RawReply {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** A plain HTTP POST (undici), for checks on the exact bytes a client receives. */
export async function postRaw(url: string, body: unknown, headers: Readonly<Record<string, string>>): Promise<RawReply> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.body.text();
  const contentType = response.headers['content-type'];
  return { status: response.statusCode, contentType: Array.isArray(contentType) ? (contentType[0] ?? '') : (contentType ?? ''), text };
}

/**
 * Checks an Anthropic event sequence against the strict state machine the SDK expects (D.11):
 * one `message_start` first, blocks `content_block_start` → deltas → `content_block_stop` with
 * sequential indices from 0 and at most one open, `message_delta` (with usage) then
 * `message_stop` last — or an `error` event ending the stream after blocks are closed.
 * Returns the blocks, each with its start payload and the deltas it received.
 */
export function assertAnthropicWireOrder(events: readonly SseEvent[]): { index: number; start: Record<string, unknown>; deltas: Record<string, unknown>[] }[] {
  const blocks: { index: number; start: Record<string, unknown>; deltas: Record<string, unknown>[] }[] = [];
  let phase: 'before' | 'message' | 'delta' | 'stopped' | 'errored' = 'before';
  let open: number | undefined;
  for (const [position, event] of events.entries()) {
    const payload = JSON.parse(event.data) as Record<string, unknown> & { type: string; index?: number };
    const where = `event ${position} (${payload.type})`;
    if (event.event !== payload.type) throw new Error(`${where}: event line '${String(event.event)}' differs from data.type`);
    if (phase === 'stopped' || phase === 'errored') throw new Error(`${where}: event after the end of the message`);
    if (payload.type === 'ping') continue;
    if (phase === 'before') {
      if (payload.type !== 'message_start' && payload.type !== 'error') throw new Error(`${where}: expected message_start first`);
      phase = payload.type === 'error' ? 'errored' : 'message';
      continue;
    }
    switch (payload.type) {
      case 'message_start':
        throw new Error(`${where}: second message_start`);
      case 'content_block_start':
        if (phase !== 'message') throw new Error(`${where}: block after message_delta`);
        if (open !== undefined) throw new Error(`${where}: block ${String(open)} still open`);
        if (payload.index !== blocks.length) throw new Error(`${where}: index ${String(payload.index)}, expected ${blocks.length}`);
        open = payload.index;
        blocks.push({ index: payload.index, start: payload.content_block as Record<string, unknown>, deltas: [] });
        continue;
      case 'content_block_delta':
        if (open === undefined || payload.index !== open) throw new Error(`${where}: delta for block ${String(payload.index)} which is not open`);
        blocks[open]?.deltas.push(payload.delta as Record<string, unknown>);
        continue;
      case 'content_block_stop':
        if (open === undefined || payload.index !== open) throw new Error(`${where}: stop for block ${String(payload.index)} which is not open`);
        open = undefined;
        continue;
      case 'message_delta':
        if (open !== undefined) throw new Error(`${where}: message_delta with block ${open} open`);
        if (phase !== 'message') throw new Error(`${where}: second message_delta`);
        if (typeof payload.usage !== 'object' || payload.usage === null) throw new Error(`${where}: message_delta without usage`);
        phase = 'delta';
        continue;
      case 'message_stop':
        if (phase !== 'delta') throw new Error(`${where}: message_stop without message_delta`);
        phase = 'stopped';
        continue;
      case 'error':
        if (open !== undefined) throw new Error(`${where}: error with block ${open} open`);
        phase = 'errored';
        continue;
      default:
        throw new Error(`${where}: unknown event type`);
    }
  }
  if (phase !== 'stopped' && phase !== 'errored') throw new Error(`stream ended in phase ${phase}`);
  return blocks;
}

/** The joined `input_json_delta`s of a tool_use block, parsed. */
export function toolInputOf(block: { deltas: Record<string, unknown>[] }): unknown {
  const json = block.deltas.map((delta) => (delta.type === 'input_json_delta' ? String(delta.partial_json) : '')).join('');
  return JSON.parse(json === '' ? '{}' : json) as unknown;
}
