import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import type { CanonicalResponse } from '../../streams/canonical-response.js';
import { decodeGeminiBody } from './decode-gemini-body.js';
import { encodeGeminiBody } from './encode-gemini-body.js';
import { readGeminiExchanges, sequentialIds } from './gemini-fixture-replay.js';

describe('decodeGeminiBody', () => {
  it('should decode the recorded non-stream body with its text signature and usage', () => {
    const chunks = decodeGeminiBody(JSON.parse(readGeminiExchanges('google-text.json')[0].events[0]), { generateId: sequentialIds() });
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.map((chunk) => chunk.type)).toEqual(['response-metadata', 'text-start', 'text-delta', 'text-end', 'finish']);
    expect(chunks[2]).toMatchObject({ delta: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y." });
    expect(chunks[3]).toMatchObject({ providerMetadata: { gemini: { thoughtSignature: expect.stringMatching(/^EtoF/) as unknown } } });
    expect(chunks[4]).toMatchObject({ finishReason: { unified: 'stop', raw: 'STOP' }, usage: { inputTokens: 9, outputTokens: 272, reasoningTokens: 244, totalTokens: 281 } });
  });

  it('should give a protocol error for something that is not a response', () => {
    expect(decodeGeminiBody([1, 2], { generateId: sequentialIds() })[0]).toMatchObject({ type: 'error', error: { code: 'GW_ERR_UPSTREAM_PROTOCOL' } });
  });
});

describe('encodeGeminiBody', () => {
  it('should render parts in order with signatures, and decode back to the same content', () => {
    const response: CanonicalResponse = {
      id: 'resp-9',
      content: [
        { type: 'reasoning', text: 'plan', providerMetadata: { gemini: { thoughtSignature: 'r' } } },
        { type: 'text', text: 'Answer' },
        { type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: '{"x":[1,2]}', providerMetadata: { gemini: { thoughtSignature: 's' } } },
      ],
      finishReason: { unified: 'tool-calls', raw: 'STOP' },
      usage: { inputTokens: 1, outputTokens: 2 },
      warnings: [],
    };
    const body = encodeGeminiBody(response, { model: 'gemini-x' });
    expect(body).toEqual({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'plan', thought: true, thoughtSignature: 'r' },
              { text: 'Answer' },
              { functionCall: { name: 'f', args: { x: [1, 2] }, id: 'c1' }, thoughtSignature: 's' },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 2, totalTokenCount: 3 },
      modelVersion: 'gemini-x',
      responseId: 'resp-9',
    });
    const chunks = decodeGeminiBody(body, { generateId: sequentialIds() });
    expect(chunks.find((chunk) => chunk.type === 'tool-call')).toMatchObject({ toolCallId: 'c1', input: '{"x":[1,2]}' });
    expect(chunks[chunks.length - 1]).toMatchObject({ finishReason: { unified: 'tool-calls' } });
  });
});
