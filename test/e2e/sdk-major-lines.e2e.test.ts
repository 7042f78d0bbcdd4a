import AnthropicZero from 'anthropic-sdk-0';
import { GoogleGenAI as GoogleGenAIThree } from 'genai-3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream.js';
import { proxyKey, startGateway, type RunningGateway } from './start-gateway.js';

/**
 * The SDK major lines whose wire differs from the ones the rest of the suite uses:
 * @anthropic-ai/sdk 0.x (`x-api-key`, `anthropic-version: 2023-06-01`) and @google/genai 3
 * (`/v1/…` paths by default), installed side by side under aliases.
 */
let gateway: RunningGateway;
let anthropic: FakeAnthropicUpstream;

beforeAll(async () => {
  anthropic = await startFakeAnthropicUpstream({ defaultText: 'from the anthropic fake' });
  gateway = await startGateway({ env: { ANTHROPIC_API_KEY: 'sk-ant-x', ANTHROPIC_API_BASE_URL: anthropic.baseUrl } });
});

afterAll(async () => {
  await gateway.close();
  await anthropic.close();
});

describe('@anthropic-ai/sdk 0.x', () => {
  it('should authenticate with x-api-key and get messages, streaming and not, from any backend', async () => {
    const client = new AnthropicZero({ apiKey: proxyKey, baseURL: `${gateway.url}/anthropic`, maxRetries: 0 });
    const created = await client.messages.create({ model: 'openai:m', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] });
    expect(created.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
    const streamed = await client.messages.stream({ model: 'anthropic:m', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(streamed.content[0]).toMatchObject({ type: 'text', text: 'from the anthropic fake' });
  });
});

describe('@google/genai 3', () => {
  it('should reach the v1 paths by default, streaming and not', async () => {
    const client = new GoogleGenAIThree({ apiKey: proxyKey, httpOptions: { baseUrl: gateway.url } });
    const response = await client.models.generateContent({ model: 'openai:m', contents: 'hi' });
    expect(response.text).toBe('Hello from the fake upstream.');
    let streamed = '';
    for await (const chunk of await client.models.generateContentStream({ model: 'anthropic:m', contents: 'hi' })) streamed += chunk.text ?? '';
    expect(streamed).toBe('from the anthropic fake');
    expect(gateway.upstream.requests.length).toBeGreaterThan(0);
  });
});
