import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import { decodeGeminiRequest } from './decode-gemini-request.js';
import { encodeGeminiRequest } from './encode-gemini-request.js';
import { sequentialIds } from './gemini-fixture-replay.js';

const base = { model: 'any', stream: true } as const;
const encode = (request: Omit<CanonicalRequest, 'model' | 'stream'>) => encodeGeminiRequest({ ...base, ...request }, { model: 'gemini-2.5-flash' });

describe('encodeGeminiRequest', () => {
  it('should put system text in systemInstruction and merge same-role turns without empty parts', () => {
    const body = encode({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: '' }] },
        { role: 'user', content: [{ type: 'text', text: 'two' }] },
        { role: 'assistant', content: [{ type: 'text', text: '' }, { type: 'text', text: 'ok' }] },
      ],
    });
    expect(body).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'one' }, { text: 'two' }] },
        { role: 'model', parts: [{ text: 'ok' }] },
      ],
    });
  });

  it('should send calls with signatures only when Gemini gave one, and one named response per call', () => {
    const body = encode({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'c1', toolName: 'read', input: '{"id":"A"}', providerMetadata: { gemini: { thoughtSignature: 'sig' } } },
            { type: 'tool-call', toolCallId: 'c2', toolName: 'read', input: '', providerMetadata: { anthropic: { x: 1 } } },
            { type: 'tool-call', toolCallId: 'c3', toolName: 'stat', input: '{}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'c2', output: [{ type: 'text', text: '{"size":3}' }] },
            { type: 'tool-result', toolCallId: 'c1', output: [{ type: 'text', text: 'plain' }] },
            { type: 'tool-result', toolCallId: 'c1', output: [{ type: 'text', text: 'duplicate' }] },
          ],
        },
      ],
    });
    const contents = body.contents as { role: string; parts: Record<string, unknown>[] }[];
    expect(contents[1].parts).toEqual([
      { functionCall: { name: 'read', args: { id: 'A' }, id: 'c1' }, thoughtSignature: 'sig' },
      { functionCall: { name: 'read', args: {}, id: 'c2' } },
      { functionCall: { name: 'stat', args: {}, id: 'c3' } },
    ]);
    expect(contents[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'read', response: { output: 'plain' }, id: 'c1' } },
        { functionResponse: { name: 'read', response: { size: 3 }, id: 'c2' } },
        { functionResponse: { name: 'stat', response: { error: 'No result was provided for this call.' }, id: 'c3' } },
      ],
    });
  });

  it('should give the first unsigned functionCall of each model turn the documented skip signature', () => {
    const call = (toolCallId: string, thoughtSignature?: string) =>
      ({ type: 'tool-call', toolCallId, toolName: 'f', input: '{}', ...(thoughtSignature === undefined ? {} : { providerMetadata: { gemini: { thoughtSignature } } }) }) as const;
    const result = (toolCallId: string) => ({ role: 'tool', content: [{ type: 'tool-result', toolCallId, output: [{ type: 'text', text: 'ok' }] }] }) as const;
    const body = encode({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'from another model' }, call('a'), call('b')] },
        result('a'),
        result('b'),
        { role: 'assistant', content: [call('c', 'real'), call('d')] },
        result('c'),
        result('d'),
      ],
    });
    const contents = body.contents as { role: string; parts: Record<string, unknown>[] }[];
    expect(contents[1].parts).toEqual([
      { text: 'from another model' },
      { functionCall: { name: 'f', args: {}, id: 'a' }, thoughtSignature: 'skip_thought_signature_validator' },
      { functionCall: { name: 'f', args: {}, id: 'b' } },
    ]);
    expect(contents[3].parts).toEqual([
      { functionCall: { name: 'f', args: {}, id: 'c' }, thoughtSignature: 'real' },
      { functionCall: { name: 'f', args: {}, id: 'd' } },
    ]);
  });

  it('should leave out ids the gateway generated, so a Gemini history round-trips unchanged', () => {
    const wire = {
      contents: [
        { role: 'user', parts: [{ text: 'Divide' }] },
        { role: 'model', parts: [{ functionCall: { name: 'customDivide', args: { numerator: 10, denominator: 2 } }, thoughtSignature: 'sig' }] },
        { role: 'user', parts: [{ functionResponse: { name: 'customDivide', response: { output: 42 } } }] },
      ],
    };
    const { value } = decodeGeminiRequest(wire, { model: 'gemini-2.5-flash', generateId: sequentialIds() });
    expect(encodeGeminiRequest(value, { model: 'gemini-2.5-flash' })).toEqual(wire);
  });

  it('should map images, tool definitions, tool choice, reasoning and response format', () => {
    const body = encode({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', mediaType: 'image/png', data: 'AAAA' },
            { type: 'image', url: 'data:image/webp;base64,BBBB' },
            { type: 'image', url: 'https://example.com/cat.jpg' },
          ],
        },
      ],
      tools: [{ name: 'f', description: 'does f', parameters: { $schema: 'x', type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } }, { name: 'g', parameters: { type: 'object', properties: {} } }],
      toolChoice: { type: 'tool', name: 'f' },
      reasoning: { effort: 'low' },
      responseFormat: { type: 'json_schema', schema: { type: 'object' } },
      temperature: 0.2,
      maxOutputTokens: 50,
      stopSequences: ['X'],
    });
    expect((body.contents as { parts: unknown[] }[])[0].parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
      { inlineData: { mimeType: 'image/webp', data: 'BBBB' } },
      { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/cat.jpg' } },
    ]);
    expect(body.tools).toEqual([{ functionDeclarations: [{ name: 'f', description: 'does f', parameters: { type: 'object', properties: { a: { type: 'string' } } } }, { name: 'g' }] }]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } });
    expect(body.generationConfig).toEqual({
      temperature: 0.2,
      maxOutputTokens: 50,
      stopSequences: ['X'],
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
      responseMimeType: 'application/json',
      responseJsonSchema: { type: 'object' },
    });
  });

  it('should map each tool choice and reasoning effort none', () => {
    const tools = [{ name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } }];
    const configOf = (toolChoice: CanonicalRequest['toolChoice']) => encode({ messages: [], tools, toolChoice }).toolConfig;
    expect(configOf({ type: 'auto' })).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(configOf({ type: 'none' })).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(configOf({ type: 'required' })).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(encode({ messages: [], reasoning: { effort: 'none' } }).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
  });

  it('should pass Gemini-only options from a Gemini client through', () => {
    const wire = {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      tools: [{ googleSearch: {} }],
      safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }],
      generationConfig: { presencePenalty: 0.1, temperature: 1 },
      cachedContent: 'cachedContents/abc',
    };
    const { value } = decodeGeminiRequest(wire, { model: 'gemini-2.5-flash', generateId: sequentialIds() });
    expect(encodeGeminiRequest(value, { model: 'gemini-2.5-flash' })).toEqual(wire);
  });
});
