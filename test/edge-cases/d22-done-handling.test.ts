import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsToCanonical } from '../../src/protocols/anthropic/index.js';
import { canonicalToOpenAIChatEvents, openaiChatEventsToCanonical } from '../../src/protocols/openai-chat/index.js';
import { openAIResponsesEventsToCanonical } from '../../src/protocols/openai-responses/index.js';
import type { CanonicalChunk } from '../../src/streams/canonical-chunk.js';
import { readFixture, readFixtureLines } from '../fixtures/read-fixture.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { counterIds, decodeSse, encodeChunks, frame, openaiChunk, reduce, sseEvents, textOf } from './edge-helpers.js';

const reply: CanonicalChunk[] = [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Hi' },
  { type: 'text-end', id: 't' },
  { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 1, outputTokens: 1 } },
];

describe('D.22 [DONE] handling', () => {
  it.each([true, false])('should end an OpenAI stream with the exact string [DONE], once, last (includeUsage=%s)', async (includeUsage) => {
    const events = await encodeChunks(reply, canonicalToOpenAIChatEvents({ id: 'c', model: 'm', created: 1, includeUsage }));
    expect(events.filter((event) => event.data.includes('DONE'))).toEqual([{ data: '[DONE]' }]);
    expect(events.at(-1)).toEqual({ data: '[DONE]' });
  });

  it('should stop reading an OpenAI upstream at [DONE] and ignore anything after it', async () => {
    const body = `${readFixture('openai-chat/openai-node-stream-works.sse')}\n\n${frame([openaiChunk({ content: 'GARBAGE' })], 'openai')}data: not json\n\n`;
    const chunks = await decodeSse(body, openaiChatEventsToCanonical());
    expect(chunks.at(-1)?.type).toBe('finish');
    expect(textOf(reduce(chunks))).not.toContain('GARBAGE');
  });

  it('should treat a [DONE] some relays append after message_stop or response.completed as harmless', async () => {
    const anthropic = `${frame(readFixtureLines('anthropic/anthropic-text.chunks.txt'), 'anthropic')}data: [DONE]\n\n`;
    const anthropicChunks = await decodeSse(anthropic, anthropicEventsToCanonical());
    expect(anthropicChunks.at(-1)?.type).toBe('finish');
    const responses = readFixtureLines('openai-responses/azure-text.1.chunks.txt')
      .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
      .join('');
    const responsesChunks = await decodeSse(`${responses}data: [DONE]\n\n`, openAIResponsesEventsToCanonical({ generateId: counterIds() }));
    expect(responsesChunks.at(-1)?.type).toBe('finish');
  });

  describe('through the gateway', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('done', { kind: 'text', text: 'All done.', pieces: 2 });
    });
    afterAll(() => gateway.close());

    it.each(['openai', 'anthropic', 'gemini'])('should send [DONE] to OpenAI clients only (%s backend)', async (backend) => {
      const model = `${backend}:done`;
      const openai = await gateway.postOpenAI({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] });
      expect(openai.text.endsWith('\n\ndata: [DONE]\n\n')).toBe(true);
      expect(openai.text.split('[DONE]')).toHaveLength(2);

      const anthropic = await gateway.postAnthropic({ model, max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] });
      expect(anthropic.text).not.toContain('[DONE]');
      expect((await sseEvents(anthropic.text)).at(-1)?.event).toBe('message_stop');

      const gemini = await gateway.postGemini(model, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, 'streamGenerateContent', '?alt=sse');
      expect(gemini.text).not.toContain('[DONE]');
      const geminiEvents = await sseEvents(gemini.text);
      expect(geminiEvents.length).toBeGreaterThan(0);
      // genai throws on any data that is not JSON.
      for (const event of geminiEvents) expect(() => JSON.parse(event.data) as unknown).not.toThrow();

      const array = await gateway.postGemini(model, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, 'streamGenerateContent');
      expect(array.text).not.toContain('[DONE]');
      expect(Array.isArray(JSON.parse(array.text))).toBe(true);
    });

    it('should let the genai SDK read a whole stream without error', async () => {
      let text = '';
      for await (const chunk of await gateway.gemini().models.generateContentStream({ model: 'openai:done', contents: 'hi' })) text += chunk.text ?? '';
      expect(text).toBe('All done.');
    });
  });
});
