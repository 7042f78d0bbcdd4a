import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalToAnthropicEvents } from '../../src/protocols/anthropic/index.js';
import { geminiEventsToCanonical } from '../../src/protocols/gemini/index.js';
import { openaiChatEventsToCanonical } from '../../src/protocols/openai-chat/index.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { assertAnthropicWireOrder, counterIds, decodeSse, encodeChunks, frame, openaiChunk, payloads, reduce, sseEvents, textOf } from './edge-helpers.js';

const usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };
/** The finish_reason chunk comes before the usage-only chunk, as OpenAI sends them. */
const usageLast = frame(
  [
    openaiChunk({ role: 'assistant', content: '' }),
    openaiChunk({ content: 'Hi there' }),
    openaiChunk({}, 'stop'),
    { id: 'chatcmpl-edge', object: 'chat.completion.chunk', created: 1, model: 'edge-model', choices: [], usage },
  ],
  'openai',
  { done: true },
);

describe('D.9 Usage arrives only at the end (OpenAI), or after the finish chunk', () => {
  it('should hold the Anthropic message_delta until the usage that follows finish_reason has arrived', async () => {
    const chunks = await decodeSse(usageLast, openaiChatEventsToCanonical());
    const events = await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg_1', model: 'm' }));
    assertAnthropicWireOrder(events);
    const delta = payloads(events).find((payload) => payload.type === 'message_delta');
    expect(delta?.usage).toEqual(expect.objectContaining({ input_tokens: 11, output_tokens: 7 }));
  });

  it('should split a fake-stream chunk carrying content and finish_reason together: the text still comes first', async () => {
    const combined = frame([openaiChunk({ role: 'assistant', content: 'All at once' }, 'stop', { usage })], 'openai', { done: true });
    const chunks = await decodeSse(combined, openaiChatEventsToCanonical());
    assertChunkContract(chunks, { requireTerminal: true });
    const response = reduce(chunks);
    expect(textOf(response)).toBe('All at once');
    expect(response.finishReason.unified).toBe('stop');
    expect(response.usage.outputTokens).toBe(7);
  });

  it('should take the last Gemini usage report, never the sum of the repeated ones', async () => {
    const report = (candidatesTokenCount: number, text: string, finish?: string) => ({
      candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...(finish === undefined ? {} : { finishReason: finish }) }],
      usageMetadata: { promptTokenCount: 9, candidatesTokenCount, totalTokenCount: 9 + candidatesTokenCount },
    });
    const chunks = await decodeSse(frame([report(2, 'a'), report(5, 'b'), report(8, 'c', 'STOP')], 'gemini'), geminiEventsToCanonical({ generateId: counterIds() }));
    const { usage: total } = reduce(chunks);
    expect([total.inputTokens, total.outputTokens, total.totalTokens]).toEqual([9, 8, 17]);
  });

  describe('through the gateway (OpenAI fake sends usage only when asked, after the finish chunk)', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('usage', { kind: 'text', text: 'Counted.', pieces: 2 });
    });
    afterAll(() => gateway.close());

    it('should bring the OpenAI usage to an Anthropic client in message_delta', async () => {
      const message = await gateway
        .anthropic()
        .messages.stream({ model: 'openai:usage', max_tokens: 20, messages: [{ role: 'user', content: 'count' }] })
        .finalMessage();
      expect(message.usage.output_tokens).toBe(7);
      expect(message.usage.input_tokens).toBe(11);
      const upstream = gateway.fakes.openai.requests.at(-1)?.body;
      expect(upstream?.stream_options).toEqual(expect.objectContaining({ include_usage: true }));
    });

    it('should send an OpenAI client the usage chunk only when it asked for include_usage', async () => {
      const request = { model: 'openai:usage', stream: true, messages: [{ role: 'user', content: 'count' }] };
      const without = payloads(await sseEvents((await gateway.postOpenAI(request)).text));
      expect(without.some((payload) => payload.usage !== undefined && payload.usage !== null)).toBe(false);
      // The gateway asked upstream for usage anyway.
      expect(gateway.fakes.openai.requests.at(-1)?.body?.stream_options).toEqual(expect.objectContaining({ include_usage: true }));
      const withUsage = payloads(await sseEvents((await gateway.postOpenAI({ ...request, stream_options: { include_usage: true } })).text));
      const last = withUsage.at(-1);
      expect(last?.choices).toEqual([]);
      expect(last?.usage).toEqual(expect.objectContaining({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 }));
    });
  });
});
