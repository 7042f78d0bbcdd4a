import { GoogleGenAI } from '@google/genai';
import { from, lastValueFrom, map, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../../../test/fakes/start-fake-server.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { CanonicalResponse } from '../../streams/canonical-response.js';
import { serializeSse } from '../../streams/serialize-sse.js';
import { canonicalToGeminiEvents } from './canonical-to-gemini-events.js';
import { encodeGeminiBody } from './encode-gemini-body.js';

const toolStream: CanonicalChunk[] = [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Hello, ' },
  { type: 'text-delta', id: 't', delta: 'wörld 🌍' },
  { type: 'text-end', id: 't' },
  { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup', input: '{"q":"x","n":2}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: { inputTokens: 11, outputTokens: 7, totalTokens: 18 } },
];
const errorStream: CanonicalChunk[] = [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'partial' },
  { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 529, message: 'Overloaded' } },
];
const body: CanonicalResponse = {
  id: 'resp-1',
  content: [{ type: 'text', text: 'Whole answer' }],
  finishReason: { unified: 'stop', raw: 'end_turn' },
  usage: { inputTokens: 3, outputTokens: 4 },
  warnings: [],
};

async function sseOf(chunks: CanonicalChunk[]): Promise<string> {
  const frames = await lastValueFrom(from(chunks).pipe(canonicalToGeminiEvents({ model: 'gemini-test', responseId: 'r-1' }), map(serializeSse), toArray()));
  return frames.join('');
}

describe('canonicalToGeminiEvents with the official @google/genai SDK', () => {
  let server: FakeServer;

  beforeAll(async () => {
    server = await startFakeServer((request, _json, response) => {
      void (async () => {
        const url = request.url ?? '';
        if (url.includes(':streamGenerateContent')) {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.end(await sseOf(url.includes('models/error-model') ? errorStream : toolStream));
        } else {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(encodeGeminiBody(body, { model: 'gemini-test' })));
        }
      })();
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const client = () => new GoogleGenAI({ apiKey: 'x', apiVersion: 'v1beta', httpOptions: { baseUrl: server.url } });

  it('should stream text, a function call and usage to generateContentStream', async () => {
    const stream = await client().models.generateContentStream({ model: 'gemini-test', contents: 'hi' });
    let text = '';
    const calls: unknown[] = [];
    let usage: unknown;
    let finishReason: unknown;
    for await (const chunk of stream) {
      text += chunk.text ?? '';
      calls.push(...(chunk.functionCalls ?? []));
      if (chunk.usageMetadata !== undefined) usage = chunk.usageMetadata;
      finishReason = chunk.candidates?.[0]?.finishReason ?? finishReason;
    }
    expect(text).toBe('Hello, wörld 🌍');
    expect(calls).toEqual([{ name: 'lookup', args: { q: 'x', n: 2 }, id: 'call_1' }]);
    expect(usage).toMatchObject({ promptTokenCount: 11, candidatesTokenCount: 7, totalTokenCount: 18 });
    expect(finishReason).toBe('STOP');
    expect(server.requests.some((request) => request.url.startsWith('/v1beta/models/gemini-test:streamGenerateContent?alt=sse'))).toBe(true);
  });

  it('should read a non-stream body with generateContent', async () => {
    const response = await client().models.generateContent({ model: 'gemini-test', contents: 'hi' });
    expect(response.text).toBe('Whole answer');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 3, candidatesTokenCount: 4 });
    expect(response.responseId).toBe('resp-1');
  });

  it('should make the SDK throw on an in-band error event', async () => {
    const stream = await client().models.generateContentStream({ model: 'error-model', contents: 'hi' });
    const read = async () => {
      for await (const chunk of stream) void chunk;
    };
    await expect(read()).rejects.toMatchObject({ status: 503 });
  });
});
