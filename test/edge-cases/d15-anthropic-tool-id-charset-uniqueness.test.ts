import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAnthropicRequest } from '../../src/protocols/anthropic/index.js';
import { decodeOpenAIChatRequest } from '../../src/protocols/openai-chat/index.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';

type Block = { type: string; id?: string; tool_use_id?: string; name?: string };

const anthropicOptions = { model: 'claude', stream: true, anthropicVersion: '2023-06-01', defaultMaxTokens: 1024 };

function blocksOf(body: Record<string, unknown>): Block[] {
  return (body.messages as { content: Block[] | string }[]).flatMap((message) => (Array.isArray(message.content) ? message.content : []));
}

/** Each tool_use id is valid and unique, and every tool_result points at the tool_use right before it. */
function expectValidPairs(body: Record<string, unknown>, expectedCalls: number): void {
  const uses = blocksOf(body).filter((block) => block.type === 'tool_use');
  const results = blocksOf(body).filter((block) => block.type === 'tool_result');
  expect(uses).toHaveLength(expectedCalls);
  for (const use of uses) expect(use.id).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(new Set(uses.map((use) => use.id)).size).toBe(uses.length);
  expect(results.map((result) => result.tool_use_id)).toEqual(uses.map((use) => use.id));
}

const call = (id: string, city: string): OpenAI.Chat.Completions.ChatCompletionMessageToolCall => ({
  id,
  type: 'function',
  function: { name: 'get_weather', arguments: JSON.stringify({ city }) },
});

/** Kimi-style and colon/slash ids, plus two ids that differ only in a character that gets replaced. */
const oddIds: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
  { role: 'user', content: 'Weather?' },
  { role: 'assistant', content: null, tool_calls: [call('functions.get_weather:0', 'Oslo'), call('call:1/a', 'Lima'), call('call.1/a', 'Rome')] },
  { role: 'tool', tool_call_id: 'functions.get_weather:0', content: 'cold' },
  { role: 'tool', tool_call_id: 'call:1/a', content: 'warm' },
  { role: 'tool', tool_call_id: 'call.1/a', content: 'hot' },
];

/** A local server that numbers its calls from 0 in every turn: the same id twice in one conversation. */
const reusedIds: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
  { role: 'user', content: 'Weather in Oslo?' },
  { role: 'assistant', content: null, tool_calls: [call('call_0', 'Oslo')] },
  { role: 'tool', tool_call_id: 'call_0', content: 'cold' },
  { role: 'assistant', content: 'Cold. Anything else?' },
  { role: 'user', content: 'And Lima?' },
  { role: 'assistant', content: null, tool_calls: [call('call_0', 'Lima')] },
  { role: 'tool', tool_call_id: 'call_0', content: 'warm' },
];

describe('D.15 Anthropic tool-use id charset and uniqueness', () => {
  it('should sanitise ids from other providers into [A-Za-z0-9_-], keep distinct ids distinct and results matched', () => {
    const { value } = decodeOpenAIChatRequest({ model: 'm', messages: oddIds });
    expectValidPairs(encodeAnthropicRequest(value, anthropicOptions), 3);
  });

  it('should make tool_use ids unique when a conversation reuses an id, each result still pointing at its own call', () => {
    const { value } = decodeOpenAIChatRequest({ model: 'm', messages: reusedIds });
    const body = encodeAnthropicRequest(value, anthropicOptions);
    expectValidPairs(body, 2);
    const results = blocksOf(body).filter((block) => block.type === 'tool_result') as (Block & { content: string })[];
    expect(results.map((result) => result.content)).toEqual(['cold', 'warm']);
  });

  describe('through the gateway', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('ids', { kind: 'text', text: 'Noted.' });
    });
    afterAll(() => gateway.close());

    it.each([
      ['odd characters', oddIds, 3],
      ['a reused id', reusedIds, 2],
    ] as const)('should send the Anthropic backend valid, unique tool ids for an OpenAI history with %s', async (_name, messages, count) => {
      const completion = await gateway.openai().chat.completions.create({ model: 'anthropic:ids', messages: [...messages] });
      expect(completion.choices[0]?.message.content).toBe('Noted.');
      expectValidPairs(gateway.fakes.anthropic.requests.at(-1)?.body ?? {}, count);
    });
  });
});
