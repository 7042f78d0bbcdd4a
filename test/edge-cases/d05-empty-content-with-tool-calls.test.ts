import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalToAnthropicEvents, encodeAnthropicRequest } from '../../src/protocols/anthropic/index.js';
import { decodeOpenAIChatRequest } from '../../src/protocols/openai-chat/index.js';
import type { CanonicalChunk } from '../../src/streams/canonical-chunk.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { assertAnthropicWireOrder, encodeChunks } from './edge-helpers.js';

type Block = { type: string; text?: string };

function emptyTextBlocks(body: Record<string, unknown>): Block[] {
  const messages = body.messages as { content: Block[] | string }[];
  return messages.flatMap((message) => (Array.isArray(message.content) ? message.content : [])).filter((block) => block.type === 'text' && (block.text ?? '') === '');
}

const history = (content: string | null) => ({
  model: 'm',
  messages: [
    { role: 'user', content: 'Weather in Paris?' },
    { role: 'assistant', content, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
  ],
});

describe('D.5 Empty content with tool calls', () => {
  it.each([null, ''])('should not turn an OpenAI assistant content of %j into an Anthropic text block', (content) => {
    const { value } = decodeOpenAIChatRequest(history(content));
    const body = encodeAnthropicRequest(value, { model: 'claude', stream: true, anthropicVersion: '2023-06-01', defaultMaxTokens: 1024 });
    expect(emptyTextBlocks(body)).toEqual([]);
    const assistant = (body.messages as { role: string; content: Block[] }[]).find((message) => message.role === 'assistant');
    expect(assistant?.content.map((block) => block.type)).toEqual(['tool_use']);
  });

  it('should never open an Anthropic text block for a text part whose deltas are all empty', async () => {
    const chunks: CanonicalChunk[] = [
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: '' },
      { type: 'text-end', id: 't' },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'STOP' }, usage: {} },
    ];
    const blocks = assertAnthropicWireOrder(await encodeChunks(chunks, canonicalToAnthropicEvents({ id: 'msg_1', model: 'm' })));
    expect(blocks.map((block) => block.start.type)).toEqual(['tool_use']);
  });

  describe('through the gateway', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('tools-only', { kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] });
      gateway.setScenario('after-tool', { kind: 'text', text: 'Sunny.' });
    });
    afterAll(() => gateway.close());

    it('should answer an OpenAI client with content null next to tool_calls when the turn only calls tools', async () => {
      for (const backend of ['anthropic', 'gemini']) {
        const completion = await gateway.openai().chat.completions.create({ model: `${backend}:tools-only`, messages: [{ role: 'user', content: 'Weather?' }] });
        expect(completion.choices[0]?.message.content).toBeNull();
        expect(completion.choices[0]?.message.tool_calls).toHaveLength(1);
      }
    });

    it('should send the Anthropic backend no empty text block for an OpenAI history with content ""', async () => {
      const completion = await gateway.openai().chat.completions.create({
        model: 'anthropic:after-tool',
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: '', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        ],
      });
      expect(completion.choices[0]?.message.content).toBe('Sunny.');
      const sent = gateway.fakes.anthropic.requests.at(-1)?.body ?? {};
      expect(emptyTextBlocks(sent)).toEqual([]);
    });

    it('should send an OpenAI backend content null (never "") for an Anthropic history turn that only calls tools', async () => {
      const message = await gateway.anthropic().messages.create({
        model: 'openai:after-tool',
        max_tokens: 50,
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
        ],
      });
      expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Sunny.' })]);
      const messages = (gateway.fakes.openai.requests.at(-1)?.body?.messages ?? []) as { role: string; content?: unknown; tool_calls?: unknown[] }[];
      const assistant = messages.find((entry) => entry.role === 'assistant');
      expect(assistant?.tool_calls).toHaveLength(1);
      expect(assistant?.content ?? null).toBeNull();
    });
  });
});
