import type Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAnthropicRequest } from '../../src/protocols/anthropic/index.js';
import { encodeGeminiRequest } from '../../src/protocols/gemini/index.js';
import { decodeOpenAIChatRequest } from '../../src/protocols/openai-chat/index.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';

type Part = { functionCall?: { name: string; id?: string }; functionResponse?: { name: string; id?: string; response: unknown } };
type Content = { role: string; parts: Part[] };

/** For each model turn with calls: its calls and the responses of the following user turn. */
function pairs(contents: readonly Content[]): { calls: Part['functionCall'][]; responses: Part['functionResponse'][] }[] {
  return contents.flatMap((content, index) => {
    const calls = content.parts.filter((part) => part.functionCall !== undefined).map((part) => part.functionCall);
    if (content.role !== 'model' || calls.length === 0) return [];
    const responses = (contents[index + 1]?.parts ?? []).filter((part) => part.functionResponse !== undefined).map((part) => part.functionResponse);
    return [{ calls, responses }];
  });
}

function expectOneNamedResponsePerCall(contents: readonly Content[]): void {
  const turns = pairs(contents);
  expect(turns.length).toBeGreaterThan(0);
  for (const { calls, responses } of turns) {
    expect(responses).toHaveLength(calls.length);
    expect(responses.map((response) => response?.name)).toEqual(calls.map((call) => call?.name));
    expect(responses.map((response) => response?.id)).toEqual(calls.map((call) => call?.id));
  }
}

/** Anthropic tool_result blocks carry no tool name; one call is answered twice, one not at all. */
const anthropicHistory: Anthropic.MessageCreateParamsNonStreaming = {
  model: 'gemini-3',
  max_tokens: 100,
  messages: [
    { role: 'user', content: 'Weather and time?' },
    {
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Oslo' } },
        { type: 'tool_use', id: 'toolu_b', name: 'get_time', input: { zone: 'UTC' } },
        { type: 'tool_use', id: 'toolu_c', name: 'get_weather', input: { city: 'Lima' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_c', content: 'warm' },
        { type: 'tool_result', tool_use_id: 'toolu_a', content: 'cold' },
        { type: 'tool_result', tool_use_id: 'toolu_a', content: 'cold again' },
        { type: 'text', text: 'Thanks' },
      ],
    },
  ],
};

describe('D.14 Gemini tool result count and names', () => {
  it('should send exactly one functionResponse per functionCall, in call order, named after its call', () => {
    const { value } = decodeAnthropicRequest(anthropicHistory);
    const { contents } = encodeGeminiRequest(value, { model: 'gemini-3' }) as { contents: Content[] };
    expectOneNamedResponsePerCall(contents);
    const [turn] = pairs(contents);
    expect(turn?.responses.map((response) => response?.response)).toEqual([{ output: 'cold' }, expect.objectContaining({ error: expect.any(String) }), { output: 'warm' }]);
  });

  it('should look up the name of an OpenAI tool result (which has none) from its call', () => {
    const { value } = decodeOpenAIChatRequest({
      model: 'm',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'cold' },
      ],
    });
    const { contents } = encodeGeminiRequest(value, { model: 'gemini-3' }) as { contents: Content[] };
    expectOneNamedResponsePerCall(contents);
  });

  describe('through the gateway', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('after-tools', { kind: 'text', text: 'Done.' });
    });
    afterAll(() => gateway.close());

    it('should give the Gemini backend a matched call/response count for an Anthropic client history', async () => {
      const message = await gateway.anthropic().messages.create({ ...anthropicHistory, model: 'gemini:after-tools' });
      expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Done.' })]);
      const contents = (gateway.fakes.gemini.requests.at(-1)?.body?.contents ?? []) as Content[];
      expectOneNamedResponsePerCall(contents);
    });
  });
});
