import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalToOpenAIResponsesEvents, openAIResponsesEventsToCanonical } from '../../src/protocols/openai-responses/index.js';
import type { CanonicalChunk } from '../../src/streams/canonical-chunk.js';
import { serializeSse } from '../../src/streams/serialize-sse.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import { counterIds, decodeSse, encodeChunks, startRawServer, type RawServer } from './edge-helpers.js';

function responsesFrame(events: readonly Record<string, unknown>[]): string {
  return events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

const head = [
  { type: 'response.created', response: { id: 'resp_1', model: 'gpt-5', status: 'in_progress' } },
  { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_1', role: 'assistant', content: [] } },
  { type: 'response.output_text.delta', output_index: 0, item_id: 'msg_1', content_index: 0, delta: 'Part' },
];

const failing: CanonicalChunk[] = [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Partial' },
  { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 429, message: 'Rate limit reached', upstreamType: 'rate_limit_error', upstreamCode: 'rate_limit_exceeded' } },
];

describe('D.19 Responses error event shape differs from the SDK types', () => {
  it.each([
    ['nested under error (as the API sends it)', { type: 'error', sequence_number: 3, error: { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'Slow down', param: null } }],
    ['at the top level (as the SDK types say)', { type: 'error', sequence_number: 3, code: 'rate_limit_exceeded', message: 'Slow down', param: null }],
  ])('should read an upstream error event %s', async (_shape, event) => {
    const chunks = await decodeSse(responsesFrame([...head, event]), openAIResponsesEventsToCanonical({ generateId: counterIds() }));
    const last = chunks.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type === 'error') {
      expect(last.error.message).toBe('Slow down');
      expect(last.error.upstreamCode).toBe('rate_limit_exceeded');
      expect(last.error.statusCode).toBe(429);
    }
    // The text that came before the error is kept (the contract lets an error cut its block short).
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.filter((chunk) => chunk.type === 'text-delta').map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : ''))).toEqual(['Part']);
  });

  it('should serve the error event with its fields at the top level and in an error object, then response.failed', async () => {
    const events = await encodeChunks(failing, canonicalToOpenAIResponsesEvents({ responseId: 'resp_x', model: 'gpt-5', createdAt: 1, generateId: counterIds() }));
    const error = events.find((event) => event.event === 'error');
    const data = JSON.parse(error?.data ?? '{}') as Record<string, unknown>;
    expect(data).toEqual(
      expect.objectContaining({
        type: 'error',
        message: 'Rate limit reached',
        code: 'rate_limit_exceeded',
        error: expect.objectContaining({ message: 'Rate limit reached', code: 'rate_limit_exceeded', type: 'rate_limit_error' }),
      }),
    );
    expect(typeof data.sequence_number).toBe('number');
    expect(events.at(-1)?.event).toBe('response.failed');
  });

  describe('with the official openai SDK reading what the encoder produces', () => {
    let server: RawServer;
    beforeAll(async () => {
      const events = await encodeChunks(failing, canonicalToOpenAIResponsesEvents({ responseId: 'resp_x', model: 'gpt-5', createdAt: 1, generateId: counterIds() }));
      const body = events.map(serializeSse).join('');
      server = await startRawServer((_raw, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(body);
      });
    });
    afterAll(() => server.close());

    it('should make the SDK raise an error with the message instead of ending quietly', async () => {
      const client = new OpenAI({ apiKey: 'k', baseURL: `${server.url}/v1`, maxRetries: 0 });
      const read = async (): Promise<string> => {
        let text = '';
        const stream = await client.responses.create({ model: 'gpt-5', input: 'hi', stream: true });
        for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
        return text;
      };
      await expect(read()).rejects.toThrow(/Rate limit reached/);
    });
  });
});
