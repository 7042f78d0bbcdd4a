import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake server received, with its parsed JSON body (`undefined` when empty). */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown> | undefined;
}

/** The scaffolding every fake upstream shares: its address, what it received, and its cancel counters. */
export interface FakeServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Tracked responses whose connection closed before the fake finished writing them. */
  readonly abortedResponses: () => number;
  /** Tracked responses still being written. */
  readonly openResponses: () => number;
  close(): Promise<void>;
}

/**
 * Handles one request after its body was read and recorded. Call `track()` for the responses
 * that should count towards `openResponses` / `abortedResponses` (the scripted answers, not
 * model listings or 404s), before writing them.
 */
export type FakeHandler = (request: IncomingMessage, body: Record<string, unknown> | undefined, response: ServerResponse, track: () => void) => void;

/**
 * Starts a loopback HTTP server on an ephemeral port that reads each request's JSON body, records
 * it, and hands it to `handle`. It counts tracked responses whose socket closed early, which is
 * how tests see that the gateway cancelled; `close()` drops open connections so endless streams
 * do not keep it alive.
 * @example
 * const server = await startFakeServer((_request, body, response) => writeJson(response, 200, { echo: body }));
 * await fetch(`${server.url}/x`, { method: 'POST', body: '{"a":1}' });
 * await server.close();
 */
export async function startFakeServer(handle: FakeHandler): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  let aborted = 0;
  let open = 0;
  const track = (response: ServerResponse): void => {
    open++;
    let finished = false;
    response.on('close', () => {
      open--;
      if (!finished && !response.writableFinished) aborted++;
    });
    response.on('finish', () => {
      finished = true;
    });
  };
  const server: Server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      const body = text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      requests.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body });
      handle(request, body, response, () => track(response));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    abortedResponses: () => aborted,
    openResponses: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a whole JSON response with `content-length`; `headers` are added last, so they may override the defaults. */
export function writeJson(response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}
