import fc from 'fast-check';
import { from } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geminiEventsToCanonical } from '../../src/protocols/gemini/index.js';
import { parseJsonArrayStream } from '../../src/streams/parse-json-array-stream.js';
import { readFixtureLines } from '../fixtures/read-fixture.js';
import { cutPoints, numRuns, splitAt } from '../split-bytes.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { collect, counterIds, reduce } from './edge-helpers.js';

type GeminiChunk = { candidates?: { content?: { parts?: { text?: string }[] }; finishReason?: string }[]; error?: { code: number; message: string } };

function textOfElements(elements: readonly GeminiChunk[]): string {
  return elements.flatMap((element) => element.candidates?.[0]?.content?.parts ?? []).map((part) => part.text ?? '').join('');
}

describe('D.16 Gemini without alt=sse streams one JSON array', () => {
  it('should decode an upstream JSON-array stream the same wherever the bytes are cut', async () => {
    const lines = readFixtureLines('gemini/google-text.chunks.txt');
    const bytes = Buffer.from(`[${lines.join(',\r\n')}]`, 'utf8');
    const decode = async (pieces: readonly Uint8Array[]) =>
      reduce(await collect(from(pieces).pipe(parseJsonArrayStream(), geminiEventsToCanonical({ generateId: counterIds() }))));
    const whole = await decode([bytes]);
    expect(whole.content.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(cutPoints, async (cuts) => {
        expect(await decode(splitAt(bytes, cuts))).toEqual(whole);
      }),
      { numRuns },
    );
  });

  describe('through the gateway', () => {
    let gateway: EdgeGateway;
    const body = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('array', { kind: 'text', text: 'One, two, three, four.', pieces: 4 });
      gateway.fakes.openai.setScenario('array-fail', { kind: 'mid-stream-error', text: 'Partial', error: { message: 'Broke', type: 'server_error' } });
    });
    afterAll(() => gateway.close());

    it.each(['openai', 'anthropic', 'gemini'])('should answer a client that omits alt=sse with one JSON array (%s backend)', async (backend) => {
      const reply = await gateway.postGemini(`${backend}:array`, body, 'streamGenerateContent');
      expect(reply.status).toBe(200);
      expect(reply.contentType).toMatch(/^application\/json/);
      const elements = JSON.parse(reply.text) as GeminiChunk[];
      expect(Array.isArray(elements)).toBe(true);
      expect(elements.length).toBeGreaterThan(1);
      expect(textOfElements(elements)).toBe('One, two, three, four.');
      expect(elements.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    });

    it('should answer alt=sse with an SSE stream, and always call the Gemini upstream with alt=sse', async () => {
      const reply = await gateway.postGemini('gemini:array', body, 'streamGenerateContent', '?alt=sse');
      expect(reply.contentType).toMatch(/^text\/event-stream/);
      expect(reply.text.startsWith('data: ')).toBe(true);
      const upstream = gateway.fakes.gemini.requests.filter((request) => request.method === 'POST');
      expect(upstream.length).toBeGreaterThan(0);
      for (const request of upstream) expect(request.url).toMatch(/:streamGenerateContent\?alt=sse$/);
    });

    it('should keep the array valid JSON when the stream fails midway, with the error as its last element', async () => {
      const reply = await gateway.postGemini('openai:array-fail', body, 'streamGenerateContent');
      const elements = JSON.parse(reply.text) as GeminiChunk[];
      // The fake sends the first piece of the text before failing.
      expect(textOfElements(elements)).toBe('Pa');
      expect(elements.at(-1)?.error?.message).toContain('Broke');
    });
  });
});
