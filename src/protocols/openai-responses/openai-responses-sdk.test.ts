import type { ServerResponse } from 'node:http';
import OpenAI from 'openai';
import { from, lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../../../test/fakes/start-fake-server.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { serializeSse } from '../../streams/serialize-sse.js';
import { openAIResponsesEchoFromRequest } from './build-openai-responses-object.js';
import { canonicalToOpenAIResponsesEvents } from './canonical-to-openai-responses-events.js';
import { decodeOpenAIResponsesRequest } from './decode-openai-responses-request.js';
import { encodeOpenAIResponsesBody } from './encode-openai-responses-body.js';

/** Scripted canonical replies, picked by the request's input text. */
const scripts: Record<string, CanonicalChunk[]> = {
  text: [
    { type: 'reasoning-start', id: 'r' },
    { type: 'reasoning-delta', id: 'r', delta: 'Greeting' },
    { type: 'reasoning-end', id: 'r', providerMetadata: { openai: { encryptedContent: 'enc' } } },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Hello' },
    { type: 'text-delta', id: 't', delta: ' world 🌍' },
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 3, outputTokens: 4 } },
  ],
  tools: [
    { type: 'tool-input-start', id: 'call_a', toolName: 'read' },
    { type: 'tool-input-start', id: 'call_b', toolName: 'write' },
    { type: 'tool-input-delta', id: 'call_a', delta: '{"path":' },
    { type: 'tool-input-delta', id: 'call_b', delta: '{"data":"x"}' },
    { type: 'tool-input-delta', id: 'call_a', delta: '"a.txt"}' },
    { type: 'tool-input-end', id: 'call_a' },
    { type: 'tool-call', toolCallId: 'call_a', toolName: 'read', input: '{"path":"a.txt"}' },
    { type: 'tool-input-end', id: 'call_b' },
    { type: 'tool-call', toolCallId: 'call_b', toolName: 'write', input: '{"data":"x"}' },
    { type: 'tool-call', toolCallId: 'call_c', toolName: 'ls', input: '{}' },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: {} },
  ],
  error: [
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Part' },
    { type: 'error', error: { code: 'GW_ERR_UPSTREAM_HTTP', statusCode: 529, message: 'Overloaded', upstreamType: 'overloaded_error' } },
  ],
};

async function reply(json: Record<string, unknown> | undefined, response: ServerResponse): Promise<void> {
  const body = json as { input: string; stream?: boolean };
  decodeOpenAIResponsesRequest(body); // the SDK's request must decode cleanly
  const chunks = scripts[body.input];
  let counter = 0;
  const generateId = (prefix: string) => `${prefix}${++counter}`;
  if (body.stream !== true) {
    const content = chunks.flatMap((chunk) => (chunk.type === 'text-end' ? [{ type: 'text' as const, text: 'Hello world 🌍' }] : []));
    const json = encodeOpenAIResponsesBody(
      { modelId: 'gpt-test', content, finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 1, outputTokens: 2 }, warnings: [] },
      { generateId, now: () => 1_700_000_000_000 },
    );
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    return;
  }
  const events = await lastValueFrom(
    from(chunks).pipe(
      canonicalToOpenAIResponsesEvents({ responseId: 'resp_sdk', model: 'gpt-test', createdAt: 1_700_000_000, generateId, echo: openAIResponsesEchoFromRequest(body) }),
      toArray(),
    ),
  );
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  // Written event by event, as a server would, so the SDK parses a real chunked stream.
  for (const event of events) response.write(serializeSse(event));
  response.end();
}

let server: FakeServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startFakeServer((_request, body, response) => {
    reply(body, response).catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  client = new OpenAI({ apiKey: 'test', baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
});

describe('canonicalToOpenAIResponsesEvents with the openai SDK', () => {
  it('should give responses.stream().finalResponse() the text, reasoning and usage', async () => {
    const stream = client.responses.stream({ model: 'gpt-test', input: 'text', instructions: 'Be kind' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(deltas.join('')).toBe('Hello world 🌍');
    expect(final.output_text).toBe('Hello world 🌍');
    expect(final.id).toBe('resp_sdk');
    expect(final.status).toBe('completed');
    expect(final.instructions).toBe('Be kind');
    expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(final.output[0]).toMatchObject({ summary: [{ type: 'summary_text', text: 'Greeting' }], encrypted_content: 'enc' });
    expect(final.usage).toMatchObject({ input_tokens: 3, output_tokens: 4, total_tokens: 7 });
  });

  it('should let responses.create({stream: true}) iterate interleaved function calls with their arguments', async () => {
    const stream = await client.responses.create({ model: 'gpt-test', input: 'tools', stream: true });
    const done: { call_id: string; name: string; arguments: string }[] = [];
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      if (event.type === 'response.output_item.done' && event.item.type === 'function_call') done.push(event.item);
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(done.map((item) => [item.call_id, item.name, item.arguments])).toEqual([
      ['call_a', 'read', '{"path":"a.txt"}'],
      ['call_b', 'write', '{"data":"x"}'],
      ['call_c', 'ls', '{}'],
    ]);
    expect(completed?.output.map((item) => (item.type === 'function_call' ? item.call_id : item.type))).toEqual(['call_a', 'call_b', 'call_c']);
  });

  it('should accumulate the interleaved function calls in responses.stream() too', async () => {
    const final = await client.responses.stream({ model: 'gpt-test', input: 'tools' }).finalResponse();
    expect(final.output).toEqual([
      expect.objectContaining({ type: 'function_call', call_id: 'call_a', arguments: '{"path":"a.txt"}', status: 'completed' }),
      expect.objectContaining({ type: 'function_call', call_id: 'call_b', arguments: '{"data":"x"}' }),
      expect.objectContaining({ type: 'function_call', call_id: 'call_c', arguments: '{}' }),
    ]);
  });

  it('should serve a non-stream body whose output_text the SDK reads', async () => {
    const response = await client.responses.create({ model: 'gpt-test', input: 'text' });
    expect(response.output_text).toBe('Hello world 🌍');
    expect(response.usage?.total_tokens).toBe(3);
  });

  it('should make the SDK throw on the in-band error event', async () => {
    const stream = await client.responses.create({ model: 'gpt-test', input: 'error', stream: true });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const event of stream) seen.push(event.type);
      })(),
    ).rejects.toMatchObject({ message: expect.stringContaining('Overloaded') });
    expect(seen).toContain('response.output_text.delta');
    await expect(client.responses.stream({ model: 'gpt-test', input: 'error' }).finalResponse()).rejects.toThrow(/Overloaded/);
  });
});
