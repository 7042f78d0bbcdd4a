import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsToCanonical } from '../../src/protocols/anthropic/index.js';
import { canonicalToOpenAIChatEvents } from '../../src/protocols/openai-chat/index.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import { readFixtureLines } from '../fixtures/read-fixture.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { decodeSse, encodeChunks, frame, reduce, sseEvents, textOf } from './edge-helpers.js';

const start = { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], usage: { input_tokens: 3, output_tokens: 1 } } };
const textDelta = (text: string) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
const clean = [
  start,
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  textDelta('Hello'),
  textDelta(' world'),
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } },
  { type: 'message_stop' },
];
/** The same reply with pings inside the block and new event, block and delta types sprinkled in. */
const noisy = [
  start,
  { type: 'ping' },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'ping' },
  textDelta('Hello'),
  { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location', url: 'https://x' } } },
  { type: 'ping' },
  { type: 'content_block_delta', index: 0, delta: { type: 'compaction_delta', content: 'summary' } },
  textDelta(' world'),
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"query":"x"}' } },
  { type: 'content_block_stop', index: 1 },
  { type: 'brand_new_event', detail: 42 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } },
  { type: 'ping' },
  { type: 'message_stop' },
];

describe('D.6 Anthropic ping and unknown events', () => {
  it('should decode a stream with pings and unknown event/delta/block types exactly like the clean stream', async () => {
    const expected = await decodeSse(frame(clean, 'anthropic'), anthropicEventsToCanonical());
    const actual = await decodeSse(frame(noisy, 'anthropic'), anthropicEventsToCanonical());
    assertChunkContract(actual, { requireTerminal: true });
    expect(actual).toEqual(expected);
  });

  it('should never turn a ping into an OpenAI chunk', async () => {
    const options = { id: 'chatcmpl-1', model: 'm', created: 1, includeUsage: false };
    const expected = await encodeChunks(await decodeSse(frame(clean, 'anthropic'), anthropicEventsToCanonical()), canonicalToOpenAIChatEvents(options));
    const actual = await encodeChunks(await decodeSse(frame(noisy, 'anthropic'), anthropicEventsToCanonical()), canonicalToOpenAIChatEvents(options));
    expect(actual).toEqual(expected);
  });

  it.each(['anthropic/anthropic-web-search-tool.1.chunks.txt', 'anthropic/anthropic-compaction.1.chunks.txt'])(
    'should read the recorded %s (server tools, citations, compaction) without an error',
    async (fixture) => {
      const chunks = await decodeSse(frame(readFixtureLines(fixture), 'anthropic'), anthropicEventsToCanonical());
      assertChunkContract(chunks, { requireTerminal: true });
      expect(chunks.some((chunk) => chunk.type === 'error')).toBe(false);
      expect(textOf(reduce(chunks)).length).toBeGreaterThan(0);
    },
  );

  describe('through the gateway (the Anthropic fake sends a ping after message_start)', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('chatty', { kind: 'text', text: 'pong back', pieces: 3 });
    });
    afterAll(() => gateway.close());

    it('should send OpenAI and Gemini clients no ping at all', async () => {
      const openai = await gateway.postOpenAI({ model: 'anthropic:chatty', stream: true, messages: [{ role: 'user', content: 'hi' }] });
      const gemini = await gateway.postGemini('anthropic:chatty', { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, 'streamGenerateContent', '?alt=sse');
      for (const reply of [openai, gemini]) {
        expect(reply.status).toBe(200);
        expect(reply.text).not.toMatch(/"type":\s*"ping"|event: ping/);
        for (const event of await sseEvents(reply.text)) expect(event.event).toBeUndefined();
      }
      const contents = (await sseEvents(openai.text)).filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data) as { object: string });
      expect(contents.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    });

    it('should keep the Anthropic SDK client working with pings passed through', async () => {
      const message = await gateway
        .anthropic()
        .messages.stream({ model: 'anthropic:chatty', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
        .finalMessage();
      expect(message.content.map((block) => (block.type === 'text' ? block.text : block.type))).toEqual(['pong back']);
    });
  });
});
