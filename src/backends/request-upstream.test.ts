import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/e2e/start-gateway.js';
import { startFakeServer, type FakeServer } from '../../test/fakes/start-fake-server.js';
import { GatewayError } from '../errors/index.js';
import type { AbortReasonSlot } from '../streams/abort-reason.js';
import { requestUpstream, type UpstreamRequestOptions } from './request-upstream.js';

const agent = new Agent();
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const options = (url: string, extra: Partial<UpstreamRequestOptions> = {}): UpstreamRequestOptions => ({
  backend: 'fake',
  url,
  headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
  body: '{"model":"m"}',
  dispatcher: agent,
  readError: (status, text) => new GatewayError('GW_ERR_UPSTREAM_HTTP', `status ${status}: ${text}`),
  ...extra,
});

/** A server whose tracked answers send one SSE event and then stay open (until the client leaves). */
async function endlessStream(): Promise<FakeServer> {
  return startFakeServer((_request, _body, response, track) => {
    track();
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: {"n":1}\n\n');
  });
}

describe('requestUpstream', () => {
  it('should send the method, path with query, headers and body, and stream the answer', async () => {
    server = await startFakeServer((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: 1\n\n');
      response.end('data: 2\n\n');
    });
    const head = await firstValueFrom(requestUpstream(options(`${server.url}/v1/chat/completions?alt=sse`)));
    const chunks = await lastValueFrom(head.body.pipe(toArray()));

    expect(head).toMatchObject({ statusCode: 200, contentType: 'text/event-stream' });
    expect(Buffer.concat(chunks).toString('utf8')).toBe('data: 1\n\ndata: 2\n\n');
    expect(server.requests).toEqual([
      expect.objectContaining({ method: 'POST', url: '/v1/chat/completions?alt=sse', body: { model: 'm' }, headers: expect.objectContaining({ authorization: 'Bearer sk-test' }) }),
    ]);
  });

  it('should read an error status into the protocol error, body included', async () => {
    server = await startFakeServer((_request, _body, response) => {
      response.writeHead(429, { 'content-type': 'application/json' });
      response.end('{"error":"slow down"}');
    });
    await expect(firstValueFrom(requestUpstream(options(`${server.url}/v1/x`)))).rejects.toThrow('status 429: {"error":"slow down"}');
  });

  it('should close the upstream connection when the body is unsubscribed mid-stream', async () => {
    server = await endlessStream();
    const reason: AbortReasonSlot = {};
    const head = await firstValueFrom(requestUpstream(options(`${server.url}/v1/x`, { reason })));
    const first = await new Promise<Uint8Array>((resolve) => {
      const subscription = head.body.subscribe((chunk) => {
        // As the pipeline does when it cuts a stream: the reason first, then unsubscribe.
        reason.current = 'loop-detected';
        subscription.unsubscribe();
        resolve(chunk);
      });
    });

    expect(Buffer.from(first).toString('utf8')).toBe('data: {"n":1}\n\n');
    await eventually(() => server?.abortedResponses() === 1 && server.openResponses() === 0);
  });

  it('should abort the request when unsubscribed before the answer arrives', async () => {
    let answered = false;
    server = await startFakeServer((_request, _body, response, track) => {
      track();
      // The head comes late: the client has left by then.
      setTimeout(() => {
        answered = true;
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end('data: late\n\n');
      }, 300);
    });
    const subscription = requestUpstream(options(`${server.url}/v1/x`)).subscribe();
    await eventually(() => server?.requests.length === 1);
    subscription.unsubscribe();

    await eventually(() => server?.abortedResponses() === 1);
    expect(answered).toBe(false);
  });

  it('should map a refused connection to a typed error naming the backend', async () => {
    server = await startFakeServer(() => undefined);
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(firstValueFrom(requestUpstream(options(`${url}/v1/x`)))).rejects.toThrow(/Backend fake could not be reached/);
  });
});
