import { startFakeServer } from './fakes/start-fake-server.js';

/** A loopback server that answers every request with the body last given to `reply`. */
export interface FixedResponseServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Sets what the next requests get: status 200 with this content type and body. */
  reply(contentType: string, body: string): void;
  close(): Promise<void>;
}

/**
 * Starts a server that serves a fixed body (an SSE text or a JSON document) to an official SDK,
 * so SDK tests can check that the SDK parses what an encoder wrote. Until `reply` is called it
 * answers `{}` as JSON.
 * @example
 * const server = await serveFixedResponse();
 * const client = new OpenAI({ apiKey: 'x', baseURL: `${server.url}/v1`, maxRetries: 0 });
 * server.reply('text/event-stream', sseText);
 */
export async function serveFixedResponse(): Promise<FixedResponseServer> {
  let next = { contentType: 'application/json', body: '{}' };
  const server = await startFakeServer((_request, _body, response) => {
    response.writeHead(200, { 'content-type': next.contentType });
    response.end(next.body);
  });
  return {
    url: server.url,
    reply: (contentType, body) => {
      next = { contentType, body };
    },
    close: server.close,
  };
}
