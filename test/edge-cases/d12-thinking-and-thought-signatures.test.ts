import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAnthropicRequest, encodeAnthropicRequest } from '../../src/protocols/anthropic/index.js';
import { decodeGeminiRequest, encodeGeminiRequest, geminiEventsToCanonical } from '../../src/protocols/gemini/index.js';
import { encodeOpenAIChatRequest } from '../../src/protocols/openai-chat/index.js';
import type { CanonicalRequest } from '../../src/streams/canonical-request.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { counterIds, decodeSse, frame, reduce } from './edge-helpers.js';

const anthropicOptions = { model: 'claude', stream: true, anthropicVersion: '2023-06-01', defaultMaxTokens: 4096 };

describe('D.12 Thinking signatures and thought signatures', () => {
  it('should send Anthropic thinking and redacted_thinking blocks back with their signature and data unchanged', () => {
    const { value } = decodeAnthropicRequest({
      model: 'claude',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Need the tool.', signature: 'sig-anthropic-1' },
            { type: 'redacted_thinking', data: 'opaque-blob' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
      ],
    });
    const body = encodeAnthropicRequest(value, anthropicOptions);
    const assistant = (body.messages as { role: string; content: Record<string, unknown>[] }[]).find((message) => message.role === 'assistant');
    expect(assistant?.content.slice(0, 2)).toEqual([
      { type: 'thinking', thinking: 'Need the tool.', signature: 'sig-anthropic-1' },
      { type: 'redacted_thinking', data: 'opaque-blob' },
    ]);
  });

  it('should keep the Gemini thoughtSignature on the first of parallel calls only, through a stream and back into history', async () => {
    const stream = frame(
      [
        {
          candidates: [
            {
              content: {
                role: 'model',
                parts: [
                  { functionCall: { name: 'get_weather', args: { city: 'Oslo' } }, thoughtSignature: 'sig-gemini-1' },
                  { functionCall: { name: 'get_weather', args: { city: 'Lima' } } },
                ],
              },
              index: 0,
              finishReason: 'STOP',
            },
          ],
        },
      ],
      'gemini',
    );
    const response = reduce(await decodeSse(stream, geminiEventsToCanonical({ generateId: counterIds() })));
    const request: CanonicalRequest = {
      model: 'gemini-3',
      stream: true,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        { role: 'assistant', content: response.content },
        {
          role: 'tool',
          content: response.content.flatMap((part) =>
            part.type === 'tool-call' ? [{ type: 'tool-result' as const, toolCallId: part.toolCallId, output: [{ type: 'text' as const, text: 'sunny' }] }] : [],
          ),
        },
      ],
    };
    const body = encodeGeminiRequest(request, { model: 'gemini-3' });
    const model = (body.contents as { role: string; parts: Record<string, unknown>[] }[]).find((content) => content.role === 'model');
    expect(model?.parts.map((part) => part.thoughtSignature)).toEqual(['sig-gemini-1', undefined]);
  });

  it('should drop signatures when the history goes to another provider', () => {
    const request: CanonicalRequest = {
      model: 'x',
      stream: true,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Q' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Gemini thought.', providerMetadata: { gemini: { thoughtSignature: 'sig-gemini-x' } } },
            { type: 'reasoning', text: 'Claude thought.', providerMetadata: { anthropic: { signature: 'sig-anthropic-x' } } },
            { type: 'tool-call', toolCallId: 'call_1', toolName: 'f', input: '{}', providerMetadata: { gemini: { thoughtSignature: 'sig-gemini-call' } } },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'f', output: [{ type: 'text', text: 'ok' }] }] },
      ],
    };
    const anthropic = JSON.stringify(encodeAnthropicRequest(request, anthropicOptions));
    expect(anthropic).not.toContain('sig-gemini');
    expect(anthropic).not.toContain('Gemini thought.');
    const gemini = JSON.stringify(encodeGeminiRequest(request, { model: 'gemini-3' }));
    expect(gemini).not.toContain('sig-anthropic');
    const openai = JSON.stringify(encodeOpenAIChatRequest(request, { model: 'gpt', stream: true }));
    expect(openai).not.toMatch(/sig-(gemini|anthropic)/);
  });

  it('should keep a Gemini client’s thoughtSignature on its functionCall in the decoded history', () => {
    const { value } = decodeGeminiRequest(
      {
        contents: [
          { role: 'user', parts: [{ text: 'Weather?' }] },
          { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } }, thoughtSignature: 'sig-client' }] },
          { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: 'sunny' } } }] },
        ],
      },
      { model: 'gemini-3', generateId: counterIds(), stream: false },
    );
    const body = encodeGeminiRequest(value, { model: 'gemini-3' });
    expect(JSON.stringify(body.contents)).toContain('"thoughtSignature":"sig-client"');
  });

  describe('through the gateway', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('think', { kind: 'text', text: 'Answer.', reasoning: 'Thinking hard.' });
      gateway.setScenario('parallel', { kind: 'tool-calls', interleave: true, calls: [{ name: 'f', arguments: '{"a":1}' }, { name: 'f', arguments: '{"a":2}' }] });
    });
    afterAll(() => gateway.close());

    it('should give an Anthropic client the thinking signature of an Anthropic backend', async () => {
      const message = await gateway
        .anthropic()
        .messages.stream({ model: 'anthropic:think', max_tokens: 100, messages: [{ role: 'user', content: 'Q' }] })
        .finalMessage();
      const thinking = message.content.find((block) => block.type === 'thinking');
      expect(thinking?.type === 'thinking' ? [thinking.thinking, thinking.signature] : undefined).toEqual(['Thinking hard.', 'sig-fake-0']);
    });

    it('should give a Gemini client the thoughtSignature on the first parallel functionCall only', async () => {
      const parts = [];
      for await (const chunk of await gateway.gemini().models.generateContentStream({ model: 'gemini:parallel', contents: 'Q' })) {
        parts.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
      }
      const calls = parts.filter((part) => part.functionCall !== undefined);
      expect(calls.map((part) => part.thoughtSignature)).toEqual(['sig-fake-0', undefined]);
    });
  });
});
