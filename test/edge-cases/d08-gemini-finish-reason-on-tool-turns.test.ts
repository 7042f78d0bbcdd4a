import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalToAnthropicEvents } from '../../src/protocols/anthropic/index.js';
import { decodeGeminiBody, geminiEventsToCanonical } from '../../src/protocols/gemini/index.js';
import { canonicalToOpenAIChatEvents } from '../../src/protocols/openai-chat/index.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { counterIds, decodeSse, encodeChunks, frame, payloads, reduce } from './edge-helpers.js';

const response = (parts: unknown[]) => ({ candidates: [{ content: { role: 'model', parts }, index: 0, finishReason: 'STOP' }] });
const toolTurn = response([{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }]);
const textTurn = response([{ text: 'Hello' }]);

describe('D.8 Gemini finish reason on tool turns', () => {
  it('should read STOP with functionCall parts as tool-calls, and STOP without them as stop (stream and body)', async () => {
    const streamed = reduce(await decodeSse(frame([toolTurn], 'gemini'), geminiEventsToCanonical({ generateId: counterIds() })));
    expect(streamed.finishReason).toEqual({ unified: 'tool-calls', raw: 'STOP' });
    expect(reduce(decodeGeminiBody(toolTurn, { generateId: counterIds() })).finishReason.unified).toBe('tool-calls');
    expect(reduce(decodeGeminiBody(textTurn, { generateId: counterIds() })).finishReason.unified).toBe('stop');
  });

  it('should become finish_reason tool_calls for OpenAI and stop_reason tool_use for Anthropic', async () => {
    const chunks = await decodeSse(frame([toolTurn], 'gemini'), geminiEventsToCanonical({ generateId: counterIds() }));
    const openai = payloads(await encodeChunks(chunks, canonicalToOpenAIChatEvents({ id: 'c', model: 'm', created: 1, includeUsage: false })));
    const finishes = openai.flatMap((payload) => (payload.choices as { finish_reason: string | null }[]).map((choice) => choice.finish_reason)).filter((reason) => reason !== null);
    expect(finishes).toEqual(['tool_calls']);
    const anthropic = payloads(await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg', model: 'm' })));
    expect(anthropic.find((payload) => payload.type === 'message_delta')?.delta).toEqual(expect.objectContaining({ stop_reason: 'tool_use' }));
  });

  describe('through the gateway (the Gemini fake sends STOP on tool turns, as the real API does)', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('g-tools', { kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}' }] });
    });
    afterAll(() => gateway.close());

    it('should tell OpenAI clients tool_calls and Anthropic clients tool_use, streamed or not', async () => {
      const body = { model: 'gemini:g-tools', messages: [{ role: 'user' as const, content: 'Weather?' }] };
      const openai = gateway.openai();
      expect((await openai.chat.completions.create(body)).choices[0]?.finish_reason).toBe('tool_calls');
      expect((await openai.chat.completions.stream(body).finalChatCompletion()).choices[0]?.finish_reason).toBe('tool_calls');
      const anthropic = gateway.anthropic();
      expect((await anthropic.messages.create({ ...body, max_tokens: 50 })).stop_reason).toBe('tool_use');
      expect((await anthropic.messages.stream({ ...body, max_tokens: 50 }).finalMessage()).stop_reason).toBe('tool_use');
    });
  });
});
