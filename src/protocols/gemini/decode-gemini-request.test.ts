import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../errors/gateway-error.js';
import type { CanonicalMessage } from '../../streams/canonical-request.js';
import { decodeGeminiRequest } from './decode-gemini-request.js';
import { readGeminiExchanges, sequentialIds } from './gemini-fixture-replay.js';

const decode = (body: unknown) => decodeGeminiRequest(body, { model: 'models/gemini-2.5-flash', generateId: sequentialIds() });
const toolIds = (messages: readonly CanonicalMessage[]) =>
  messages.flatMap((message) =>
    message.role === 'assistant'
      ? message.content.flatMap((part) => (part.type === 'tool-call' ? [`call:${part.toolCallId}`] : []))
      : message.role === 'tool'
        ? message.content.map((part) => `result:${part.toolCallId}`)
        : [],
  );

const history = {
  contents: [
    { role: 'user', parts: [{ text: 'Read A and B' }] },
    {
      role: 'model',
      parts: [
        { functionCall: { name: 'read', args: { id: 'A' } }, thoughtSignature: 'sig-A' },
        { functionCall: { name: 'read', args: { id: 'B' } } },
        { functionCall: { name: 'list', args: {}, id: 'given-1' } },
      ],
    },
    {
      role: 'user',
      parts: [
        { functionResponse: { name: 'list', response: { output: 'files' }, id: 'given-1' } },
        { functionResponse: { name: 'read', response: { output: 'content A' } } },
        { functionResponse: { name: 'read', response: { error: 'missing B' } } },
        { text: 'thanks' },
      ],
    },
  ],
};

describe('decodeGeminiRequest', () => {
  it('should decode every recorded request body', () => {
    const bodies = [
      'AFC_Streaming_Tests_chat_stream_AFC_enabled_AFC_max_calls_exceeded_Google_AI_can_continue_after_max_calls_exceeded.json',
      'Chats_Tests_chats_function_calling_Google_AI_with_function_calling_stream.json',
    ].flatMap((name) => readGeminiExchanges(name).map((exchange) => exchange.requestBody));
    for (const body of bodies) expect(decode(body).value.messages[0].role).toBe('user');
  });

  it('should take the model from the path without the models/ prefix', () => {
    expect(decode({ contents: [] }).value.model).toBe('gemini-2.5-flash');
  });

  it('should link results to calls by id, else by name in order, and keep signatures', () => {
    const { value } = decode(history);
    const assistant = value.messages[1];
    if (assistant.role !== 'assistant') throw new Error('expected assistant');
    const [first, second, third] = assistant.content;
    if (first.type !== 'tool-call' || second.type !== 'tool-call' || third.type !== 'tool-call') throw new Error('expected calls');
    expect(first.providerMetadata?.gemini).toEqual({ thoughtSignature: 'sig-A', generatedId: true });
    expect(third.toolCallId).toBe('given-1');
    expect(first.toolCallId).toMatch(/^call_[a-z0-9]+$/);
    expect(first.toolCallId).not.toBe(second.toolCallId);
    const tool = value.messages[2];
    if (tool.role !== 'tool') throw new Error('expected tool message');
    expect(tool.content.map((part) => [part.toolCallId, part.toolName, part.output[0], part.isError])).toEqual([
      ['given-1', 'list', { type: 'text', text: 'files' }, undefined],
      [first.toolCallId, 'read', { type: 'text', text: 'content A' }, undefined],
      [second.toolCallId, 'read', { type: 'text', text: 'missing B' }, true],
    ]);
    expect(value.messages[3]).toEqual({ role: 'user', content: [{ type: 'text', text: 'thanks' }] });
  });

  it('should give the same ids when the same history is decoded twice', () => {
    expect(toolIds(decode(history).value.messages)).toEqual(toolIds(decode(history).value.messages));
  });

  it('should keep a non-output response object as JSON text', () => {
    const { value } = decode({
      contents: [
        { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: 42, extra: true } } }] },
      ],
    });
    const tool = value.messages[1];
    if (tool.role !== 'tool') throw new Error('expected tool message');
    expect(tool.content[0].output[0]).toEqual({ type: 'text', text: '{"output":42,"extra":true}' });
  });

  it('should decode reasoning, text signatures, images and system instructions', () => {
    const { value } = decode({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Look' }, { inlineData: { mimeType: 'image/png', data: 'AAAA' } }, { fileData: { mimeType: 'application/pdf', fileUri: 'gs://b/f.pdf' } }] },
        { role: 'model', parts: [{ text: 'hmm', thought: true }, { text: 'Done', thoughtSignature: 's1' }] },
      ],
    });
    expect(value.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(value.messages[1]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'Look' }, { type: 'image', mediaType: 'image/png', data: 'AAAA' }, { type: 'file', mediaType: 'application/pdf', url: 'gs://b/f.pdf' }],
    });
    expect(value.messages[2]).toEqual({
      role: 'assistant',
      content: [{ type: 'reasoning', text: 'hmm' }, { type: 'text', text: 'Done', providerMetadata: { gemini: { thoughtSignature: 's1' } } }],
    });
  });

  it('should decode tools, tool config, generation config and keep the rest in providerOptions', () => {
    const { value, warnings } = decode({
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      tools: [
        { functionDeclarations: [{ name: 'div', description: 'd', parameters: { type: 'OBJECT', properties: { a: { type: 'NUMBER', nullable: true } } } }] },
        { googleSearch: {} },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['div'] } },
      generationConfig: {
        temperature: 0.5, topP: 0.9, topK: 40, maxOutputTokens: 100, stopSequences: ['END'], seed: 7,
        responseMimeType: 'application/json', responseJsonSchema: { type: 'object' },
        thinkingConfig: { thinkingBudget: 2000, includeThoughts: true }, presencePenalty: 0.1,
      },
      safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }],
      cachedContent: 'cachedContents/abc',
    });
    expect(value.tools).toEqual([{ name: 'div', description: 'd', parameters: { type: 'object', properties: { a: { type: ['number', 'null'] } } } }]);
    expect(value.toolChoice).toEqual({ type: 'tool', name: 'div' });
    expect(value).toMatchObject({ temperature: 0.5, topP: 0.9, topK: 40, maxOutputTokens: 100, stopSequences: ['END'], seed: 7 });
    expect(value.responseFormat).toEqual({ type: 'json_schema', schema: { type: 'object' } });
    expect(value.reasoning).toEqual({ budgetTokens: 2000, effort: 'medium', includeThoughts: true });
    expect(value.providerOptions?.gemini).toEqual({
      cachedContent: 'cachedContents/abc',
      safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }],
      tools: [{ googleSearch: {} }],
      generationConfig: { presencePenalty: 0.1 },
    });
    expect(warnings.some((warning) => warning.message.includes('googleSearch'))).toBe(true);
  });

  it('should map thinking budgets 0 and -1 and thinking levels', () => {
    const reasoningOf = (thinkingConfig: unknown) => decode({ contents: [], generationConfig: { thinkingConfig } }).value.reasoning;
    expect(reasoningOf({ thinkingBudget: 0 })).toEqual({ effort: 'none', budgetTokens: 0 });
    expect(reasoningOf({ thinkingBudget: -1 })).toEqual({ effort: 'medium' });
    expect(reasoningOf({ thinkingLevel: 'HIGH', includeThoughts: false })).toEqual({ effort: 'high', includeThoughts: false });
  });

  it('should name the field path of a schema violation', () => {
    const attempt = () => decode({ contents: [{ role: 'user', parts: [{ text: 'a' }, { functionCall: { name: 42 } }] }] });
    expect(attempt).toThrow();
    try {
      attempt();
    } catch (error) {
      expect(isGatewayError(error) && error.code).toBe('GW_ERR_INVALID_REQUEST');
      expect(isGatewayError(error) && error.info.param).toBe('contents[0].parts[1].functionCall.name');
    }
  });

  it('should reject a wrong role and a missing contents array with their paths', () => {
    const paramOf = (body: unknown): string | undefined => {
      try {
        decode(body);
      } catch (error) {
        return isGatewayError(error) ? error.info.param : undefined;
      }
      return undefined;
    };
    expect(paramOf({ contents: [{ role: 'assistant', parts: [] }] })).toBe('contents[0].role');
    expect(paramOf({})).toBe('contents');
    expect(paramOf([])).toBe('(body)');
  });
});
