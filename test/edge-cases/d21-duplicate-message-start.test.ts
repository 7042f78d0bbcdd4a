import { APIError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsToCanonical } from '../../src/protocols/anthropic/index.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import { readFixtureLines } from '../fixtures/read-fixture.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { assertAnthropicWireOrder, decodeSse, frame, reduce, sseEvents, startRawServer, textOf, type RawServer } from './edge-helpers.js';

const duplicate = frame(readFixtureLines('anthropic/duplicate-message-start.chunks.txt'), 'anthropic');
const spliced = frame(readFixtureLines('anthropic/spliced-message-start.chunks.txt'), 'anthropic');

describe('D.21 Duplicate or spliced message_start', () => {
  it('should ignore a duplicate message_start before any content', async () => {
    const chunks = await decodeSse(duplicate, anthropicEventsToCanonical());
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.filter((chunk) => chunk.type === 'response-metadata')).toHaveLength(1);
    const response = reduce(chunks);
    expect(textOf(response)).toBe('Hello, World!');
    expect(response.finishReason.unified).toBe('stop');
  });

  it('should fail cleanly, not merge two replies, when a message_start is spliced into a message with content', async () => {
    const chunks = await decodeSse(spliced, anthropicEventsToCanonical());
    assertChunkContract(chunks, { requireTerminal: true });
    const last = chunks.at(-1);
    expect(last?.type).toBe('error');
    expect(JSON.stringify(chunks)).not.toContain('sig-second');
  });

  describe('through the gateway, with a crafted Anthropic upstream', () => {
    let upstream: RawServer;
    let gateway: EdgeGateway;
    beforeAll(async () => {
      upstream = await startRawServer((body, response) => {
        const model = (JSON.parse(body) as { model?: string }).model ?? '';
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(model.includes('spliced') ? spliced : duplicate);
      });
      gateway = await startEdgeGateway({ anthropic: upstream.url });
    });
    afterAll(async () => {
      await gateway.close();
      await upstream.close();
    });

    it('should not break the Anthropic SDK on a duplicate message_start: one message, its text intact', async () => {
      const raw = await gateway.postAnthropic({ model: 'anthropic:dup', max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'hi' }] });
      const events = await sseEvents(raw.text);
      assertAnthropicWireOrder(events);
      expect(events.filter((event) => event.event === 'message_start')).toHaveLength(1);
      const message = await gateway
        .anthropic()
        .messages.stream({ model: 'anthropic:dup', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] })
        .finalMessage();
      expect(message.content.map((block) => (block.type === 'text' ? block.text : block.type))).toEqual(['Hello, World!']);
      expect(message.stop_reason).toBe('end_turn');
    });

    it('should end a spliced stream for the Anthropic SDK with an APIError, never an event-order crash', async () => {
      const raw = await gateway.postAnthropic({ model: 'anthropic:spliced', max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'hi' }] });
      const events = await sseEvents(raw.text);
      assertAnthropicWireOrder(events);
      expect(events.filter((event) => event.event === 'message_start')).toHaveLength(1);
      expect(events.at(-1)?.event).toBe('error');
      const failure = await gateway
        .anthropic()
        .messages.stream({ model: 'anthropic:spliced', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] })
        .finalMessage()
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(APIError);
      expect(String(failure)).toMatch(/message_start/);
    });

    it('should end a spliced stream for an OpenAI client with an in-band error', async () => {
      await expect(
        gateway.openai().chat.completions.stream({ model: 'anthropic:spliced', messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion(),
      ).rejects.toThrow(/message_start/);
    });
  });
});
