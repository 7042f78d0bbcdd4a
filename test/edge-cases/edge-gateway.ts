import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { parseCliFlags, resolveConfig } from '../../src/config/index.js';
import { buildApp } from '../../src/server/build-app.js';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream.js';
import { startFakeGeminiUpstream, type FakeGeminiUpstream } from '../fakes/fake-gemini-upstream.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream.js';
import type { FakeScenario } from '../fakes/fake-scenario.js';
import { postRaw, type RawReply } from './edge-helpers.js';

export const edgeKey = 'edge-proxy-key';

export interface EdgeGateway {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly fakes: { readonly openai: FakeOpenAIUpstream; readonly anthropic: FakeAnthropicUpstream; readonly gemini: FakeGeminiUpstream };
  /** Scripts `model` on all three fakes. */
  setScenario(model: string, scenario: FakeScenario): void;
  openai(): OpenAI;
  anthropic(): Anthropic;
  gemini(): GoogleGenAI;
  /** Raw POSTs with the proxy key, per client protocol. */
  postOpenAI(body: unknown): Promise<RawReply>;
  postAnthropic(body: unknown): Promise<RawReply>;
  postGemini(model: string, body: unknown, method: string, query?: string): Promise<RawReply>;
  close(): Promise<void>;
}

/**
 * The whole gateway (`buildApp`) with the three fake vendors behind it, as in the translation
 * matrix; `baseUrls` points a backend at a crafted server instead of its fake.
 */
export async function startEdgeGateway(
  baseUrls: { readonly openai?: string; readonly anthropic?: string; readonly gemini?: string } = {},
): Promise<EdgeGateway> {
  const fakes = { openai: await startFakeOpenAIUpstream(), anthropic: await startFakeAnthropicUpstream(), gemini: await startFakeGeminiUpstream() };
  const config = resolveConfig(parseCliFlags(['--port', '0']), {
    DATA_DIR: ':memory:',
    LLM_INTERACTIVE_PROXY_API_KEY: edgeKey,
    OPENAI_API_KEY: 'sk-openai-upstream',
    OPENAI_API_BASE_URL: baseUrls.openai ?? fakes.openai.baseUrl,
    ANTHROPIC_API_KEY: 'sk-ant-upstream',
    ANTHROPIC_API_BASE_URL: baseUrls.anthropic ?? fakes.anthropic.baseUrl,
    GEMINI_API_KEY: 'AIza-gemini-upstream',
    GEMINI_API_BASE_URL: baseUrls.gemini ?? fakes.gemini.baseUrl,
  });
  const app = await buildApp(config);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    fakes,
    setScenario: (model, scenario) => {
      for (const fake of Object.values(fakes)) fake.setScenario(model, scenario);
    },
    openai: () => new OpenAI({ apiKey: edgeKey, baseURL: `${url}/v1`, maxRetries: 0 }),
    anthropic: () => new Anthropic({ apiKey: edgeKey, baseURL: `${url}/anthropic`, maxRetries: 0 }),
    gemini: () => new GoogleGenAI({ apiKey: edgeKey, apiVersion: 'v1beta', httpOptions: { baseUrl: url } }),
    postOpenAI: (body) => postRaw(`${url}/v1/chat/completions`, body, { authorization: `Bearer ${edgeKey}` }),
    postAnthropic: (body) => postRaw(`${url}/anthropic/v1/messages`, body, { 'x-api-key': edgeKey, 'anthropic-version': '2023-06-01' }),
    postGemini: (model, body, method, query = '') =>
      postRaw(`${url}/v1beta/models/${model}:${method}${query}`, body, { 'x-goog-api-key': edgeKey }),
    close: async () => {
      await app.close();
      await Promise.all(Object.values(fakes).map((fake) => fake.close()));
    },
  };
}
