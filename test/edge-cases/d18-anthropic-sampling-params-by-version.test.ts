import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAnthropicRequest } from '../../src/protocols/anthropic/index.js';
import { decodeGeminiRequest } from '../../src/protocols/gemini/index.js';
import { decodeOpenAIChatRequest } from '../../src/protocols/openai-chat/index.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { counterIds } from './edge-helpers.js';

const options = (anthropicVersion: string) => ({ model: 'claude', stream: true, anthropicVersion, defaultMaxTokens: 1024 });
const samplingKeys = (body: Record<string, unknown>): string[] => ['temperature', 'top_p', 'top_k'].filter((key) => key in body);

const fromOpenAI = decodeOpenAIChatRequest({ model: 'm', temperature: 0.2, top_p: 0.9, messages: [{ role: 'user', content: 'hi' }] }).value;
const fromGemini = decodeGeminiRequest(
  { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { temperature: 0.2, topP: 0.9, topK: 40 } },
  { model: 'm', generateId: counterIds(), stream: true },
).value;

describe('D.18 Anthropic 2026-10-21 rejects sampling parameters', () => {
  it.each([
    ['an OpenAI', fromOpenAI, ['temperature', 'top_p']],
    ['a Gemini', fromGemini, ['temperature', 'top_p', 'top_k']],
  ] as const)('should drop temperature/top_p/top_k from %s client for anthropic-version 2026-10-21 and keep them for 2023-06-01', (_name, request, kept) => {
    expect(samplingKeys(encodeAnthropicRequest(request, options('2026-10-21')))).toEqual([]);
    expect(samplingKeys(encodeAnthropicRequest(request, options('2027-01-01')))).toEqual([]);
    expect(samplingKeys(encodeAnthropicRequest(request, options('2023-06-01')))).toEqual(kept);
  });

  it('should drop them with thinking enabled whatever the version', () => {
    const thinking = decodeOpenAIChatRequest({ model: 'm', temperature: 0.2, reasoning_effort: 'high', messages: [{ role: 'user', content: 'hi' }] }).value;
    const body = encodeAnthropicRequest(thinking, options('2023-06-01'));
    expect(body.thinking).toBeDefined();
    expect(samplingKeys(body)).toEqual([]);
  });

  describe('through the gateway', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('sampling', { kind: 'text', text: 'ok' });
    });
    afterAll(() => gateway.close());

    it('should never send sampling parameters under a version that rejects them', async () => {
      await gateway.gemini().models.generateContent({ model: 'anthropic:sampling', contents: 'hi', config: { temperature: 0.2, topP: 0.9, topK: 40 } });
      await gateway.openai().chat.completions.create({ model: 'anthropic:sampling', temperature: 0.3, messages: [{ role: 'user', content: 'hi' }] });
      // @anthropic-ai/sdk 1.x has no `temperature` any more; a 0.x-style client still sends it.
      await gateway.postAnthropic({ model: 'anthropic:sampling', max_tokens: 10, temperature: 0.4, messages: [{ role: 'user', content: 'hi' }] });
      const sent = gateway.fakes.anthropic.requests.filter((request) => request.method === 'POST');
      expect(sent).toHaveLength(3);
      for (const request of sent) {
        const version = String(request.headers['anthropic-version']);
        if (version >= '2026-10-21') expect(samplingKeys(request.body ?? {})).toEqual([]);
        else expect(samplingKeys(request.body ?? {}).length).toBeGreaterThan(0);
      }
    });
  });
});
