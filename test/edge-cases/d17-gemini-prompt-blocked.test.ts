import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGeminiBody, geminiEventsToCanonical } from '../../src/protocols/gemini/index.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { counterIds, decodeSse, frame, reduce, startRawServer, type RawServer } from './edge-helpers.js';

/** HTTP 200, no candidates, only promptFeedback: how Gemini reports a blocked prompt. */
const blocked = {
  promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
  usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 },
  modelVersion: 'gemini-2.5-flash',
  responseId: 'resp-blocked',
};

describe('D.17 Prompt blocked on Gemini', () => {
  it('should read a blocked prompt as a content-filter finish, in a stream and in a body', async () => {
    const streamed = await decodeSse(frame([blocked], 'gemini'), geminiEventsToCanonical({ generateId: counterIds() }));
    assertChunkContract(streamed, { requireTerminal: true });
    expect(reduce(streamed).finishReason).toEqual({ unified: 'content-filter', raw: 'PROHIBITED_CONTENT' });
    expect(reduce(decodeGeminiBody(blocked, { generateId: counterIds() })).finishReason.unified).toBe('content-filter');
  });

  describe('through the gateway (a crafted Gemini upstream blocks every prompt)', () => {
    let upstream: RawServer;
    let gateway: EdgeGateway;
    beforeAll(async () => {
      upstream = await startRawServer((_body, response, request) => {
        // `json-…` models answer with a JSON body, as some proxies in front of Gemini do.
        if ((request.url ?? '').includes('json-')) {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(blocked));
          return;
        }
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(frame([blocked], 'gemini').replaceAll('\n', '\r\n'));
      });
      gateway = await startEdgeGateway({ gemini: upstream.url });
    });
    afterAll(async () => {
      await gateway.close();
      await upstream.close();
    });

    describe.each(['sse-model', 'json-model'])('upstream answering with %s', (name) => {
      const model = `gemini:${name}`;

      it('should give an OpenAI client finish_reason content_filter, streamed and not', async () => {
        const openai = gateway.openai();
        const body = { model, messages: [{ role: 'user' as const, content: 'something bad' }] };
        const plain = await openai.chat.completions.create(body);
        expect(plain.choices[0]?.finish_reason).toBe('content_filter');
        const streamed = await openai.chat.completions.stream(body).finalChatCompletion();
        expect(streamed.choices[0]?.finish_reason).toBe('content_filter');
        expect(streamed.choices[0]?.message.content ?? '').toBe('');
      });

      it('should give an Anthropic client stop_reason refusal, streamed and not', async () => {
        const anthropic = gateway.anthropic();
        const body = { model, max_tokens: 50, messages: [{ role: 'user' as const, content: 'something bad' }] };
        expect((await anthropic.messages.create(body)).stop_reason).toBe('refusal');
        expect((await anthropic.messages.stream(body).finalMessage()).stop_reason).toBe('refusal');
      });

      it('should give a Gemini client a SAFETY finish, not a plain STOP', async () => {
        const reasons: (string | undefined)[] = [];
        for await (const chunk of await gateway.gemini().models.generateContentStream({ model, contents: 'something bad' })) {
          reasons.push(chunk.candidates?.[0]?.finishReason ?? chunk.promptFeedback?.blockReason);
        }
        const last = reasons.filter((reason) => reason !== undefined).at(-1);
        expect(last).toMatch(/SAFETY|PROHIBITED_CONTENT/);
        const whole = await gateway.gemini().models.generateContent({ model, contents: 'something bad' });
        expect(whole.candidates?.[0]?.finishReason ?? whole.promptFeedback?.blockReason).toMatch(/SAFETY|PROHIBITED_CONTENT/);
      });
    });
  });
});
