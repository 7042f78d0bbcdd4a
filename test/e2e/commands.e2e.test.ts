import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream.js';
import { proxyKey, startGateway, type RunningGateway } from './start-gateway.js';
import { temporaryDirectory } from '../temp-directory.js';

/**
 * In-chat commands end to end: answered in each client protocol (streaming and not) without an
 * upstream call, their effect on the next requests, one-off routes, session isolation, history
 * cleanup, and persistence of routes and the default backend across restarts.
 */
let gateway: RunningGateway;
let other: FakeOpenAIUpstream;
let configFile: string;

beforeAll(async () => {
  other = await startFakeOpenAIUpstream({ defaultText: 'answer from openrouter' });
  configFile = join(temporaryDirectory('lip-commands-'), 'config.yaml');
  writeFileSync(configFile, 'port: 0\n');
  gateway = await startGateway({ flags: ['--config', configFile], env: { OPENROUTER_API_KEY: 'or-key', OPENROUTER_API_BASE_URL: other.baseUrl } });
});

afterAll(async () => {
  await gateway.close();
  await other.close();
});

const openai = (session: string): OpenAI => new OpenAI({ apiKey: proxyKey, baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-session-id': session } });
const upstreamCalls = (): number => gateway.upstream.requests.length + other.requests.length;

describe('command-only messages are answered by the proxy, in every protocol', () => {
  it('should answer an OpenAI client, non-streaming, with zero usage and no upstream call', async () => {
    const before = upstreamCalls();
    const completion = await openai('c-openai').chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: '!/set(model=openrouter:qwen/qwen3-coder)' }] });
    expect(completion.choices[0]?.message.content).toMatch(/Model changed to qwen\/qwen3-coder/);
    expect(completion.usage).toMatchObject({ prompt_tokens: 0, completion_tokens: 0 });
    expect(upstreamCalls()).toBe(before);
  });

  it('should answer an OpenAI client streaming', async () => {
    const final = await openai('c-openai-stream').chat.completions.stream({ model: 'gpt-x', messages: [{ role: 'user', content: '!/help' }] }).finalChatCompletion();
    expect(final.choices[0]?.message.content).toMatch(/^Available commands:/);
  });

  it('should answer an Anthropic client, streaming and not', async () => {
    const before = upstreamCalls();
    const anthropic = new Anthropic({ apiKey: proxyKey, baseURL: `${gateway.url}/anthropic`, maxRetries: 0, defaultHeaders: { 'x-session-id': 'c-anthropic' } });
    const created = await anthropic.messages.create({ model: 'x', max_tokens: 10, messages: [{ role: 'user', content: '!/hello' }] });
    expect(created.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Welcome to LLM Interactive Proxy') });
    const streamed = await anthropic.messages.stream({ model: 'x', max_tokens: 10, messages: [{ role: 'user', content: '!/temperature(0.3)' }] }).finalMessage();
    expect(streamed.content[0]).toMatchObject({ type: 'text', text: 'Temperature set to 0.3' });
    expect(streamed.usage.output_tokens).toBe(0);
    expect(upstreamCalls()).toBe(before);
  });

  it('should answer a Gemini client, streaming and not', async () => {
    const gemini = new GoogleGenAI({ apiKey: proxyKey, apiVersion: 'v1beta', httpOptions: { baseUrl: gateway.url, headers: { 'x-session-id': 'c-gemini' } } });
    const response = await gemini.models.generateContent({ model: 'x', contents: '!/pwd' });
    expect(response.text).toBe('Project directory not set');
    let streamed = '';
    for await (const chunk of await gemini.models.generateContentStream({ model: 'x', contents: '!/list-failover-routes' })) streamed += chunk.text ?? '';
    expect(streamed).toMatch(/No failover routes defined|Failover routes:/);
  });
});

describe('command effects', () => {
  it('should route the session’s next requests by !/set(model=backend:model), and keep other sessions apart', async () => {
    const session = openai('c-route');
    await session.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: '!/set(model=openrouter:vendor/model-a)' }] });
    const routed = await session.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'hello' }] });
    expect(routed.choices[0]?.message.content).toBe('answer from openrouter');
    expect(other.requests.at(-1)?.body?.model).toBe('vendor/model-a');
    const untouched = await openai('c-route-other').chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'hello' }] });
    expect(untouched.choices[0]?.message.content).toBe('Hello from the fake upstream.');
  });

  it('should apply a command found anywhere in a message to that same request and strip it', async () => {
    const before = other.requests.length;
    await openai('c-inline').chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'please !/set(model=openrouter:vendor/inline) answer this' }] });
    expect(other.requests.length).toBe(before + 1);
    const body = other.requests.at(-1)?.body as { model: string; messages: { content: string }[] };
    expect(body.model).toBe('vendor/inline');
    expect(body.messages.at(-1)?.content).toBe('please answer this');
  });

  it('should apply !/oneoff to exactly the next request', async () => {
    const session = openai('c-oneoff');
    await session.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: '!/oneoff(openrouter:vendor/once)' }] });
    await session.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'first' }] });
    expect(other.requests.at(-1)?.body?.model).toBe('vendor/once');
    const before = other.requests.length;
    await session.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'second' }] });
    expect(other.requests.length).toBe(before);
    expect(gateway.upstream.requests.at(-1)?.body?.model).toBe('gpt-x');
  });

  it('should remove earlier command messages and proxy replies from the history it forwards', async () => {
    const session = openai('c-history');
    const first = await session.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: '!/temperature(0.2)' }] });
    const replyText = first.choices[0]?.message.content ?? '';
    await session.chat.completions.create({
      model: 'gpt-x',
      messages: [
        { role: 'user', content: '!/temperature(0.2)' },
        { role: 'assistant', content: replyText },
        { role: 'user', content: 'now the real question' },
      ],
    });
    const body = gateway.upstream.requests.at(-1)?.body as { messages: { role: string; content: string }[]; temperature?: number };
    expect(body.messages).toEqual([{ role: 'user', content: 'now the real question' }]);
    expect(body.temperature).toBe(0.2);
  });

  it('should send the session’s openai requests to the URL set with !/set(openai_url=…)', async () => {
    const session = openai('c-openai-url');
    const before = other.requests.length;
    await session.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: `!/set(openai_url=${other.baseUrl})` }] });
    await session.chat.completions.create({ model: 'openai:custom-model', messages: [{ role: 'user', content: 'hi' }] });
    expect(other.requests.length).toBe(before + 1);
    expect(other.requests.at(-1)?.body?.model).toBe('custom-model');
    // The configured OpenAI key never goes to a host the session chose.
    expect(other.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('should answer an unknown command with the nearest known ones, and forward nothing', async () => {
    const before = upstreamCalls();
    const completion = await openai('c-unknown').chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: '!/hepl' }] });
    expect(completion.choices[0]?.message.content).toMatch(/Unknown command '!\/hepl'.*!\/help/);
    expect(upstreamCalls()).toBe(before);
  });

  it('should answer bad arguments with what is wrong', async () => {
    const completion = await openai('c-bad').chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: '!/set(temperature=hot)' }] });
    expect(completion.choices[0]?.message.content).toMatch(/Temperature must be a valid number/);
  });

  it('should leave commands inside code alone', async () => {
    await openai('c-code').chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'What does `!/help` do?' }] });
    expect((gateway.upstream.requests.at(-1)?.body as { messages: { content: string }[] }).messages.at(-1)?.content).toBe('What does `!/help` do?');
  });
});

describe('failover routes from commands, persisted across restarts', () => {
  it('should create a route, use it as a model, and reload it (and the default backend) after a restart', async () => {
    const session = openai('c-persist');
    const created = await session.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: '!/create-failover-route(name=fast,policy=m) !/route-append(name=fast,openrouter:vendor/fast)' }] });
    expect(created.choices[0]?.message.content).toMatch(/Failover route 'fast' created with policy 'm'/);
    await session.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: '!/set(default-backend=openrouter)' }] });
    await session.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'go' }] });
    expect(other.requests.at(-1)?.body?.model).toBe('vendor/fast');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The state file uses the YAML config's own shape.
    const state = JSON.parse(readFileSync(`${configFile}.state.json`, 'utf8')) as { failover_routes: Record<string, unknown>; default_backend?: string };
    expect(Object.keys(state.failover_routes)).toContain('fast');
    expect(state.default_backend).toBe('openrouter');

    const restarted = await startGateway({ upstream: gateway.upstream, flags: ['--config', configFile], env: { OPENROUTER_API_KEY: 'or-key', OPENROUTER_API_BASE_URL: other.baseUrl } });
    try {
      const client = new OpenAI({ apiKey: proxyKey, baseURL: `${restarted.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-session-id': 'c-after-restart' } });
      const listed = await client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: '!/route-list(name=fast)' }] });
      expect(listed.choices[0]?.message.content).toMatch(/vendor\/fast/);
      const before = other.requests.length;
      await client.chat.completions.create({ model: 'bare-model', messages: [{ role: 'user', content: 'hi' }] });
      expect(other.requests.length).toBe(before + 1);
    } finally {
      await restarted.app.close();
    }
  });

  it('should refuse to start on a corrupt state file, naming it', async () => {
    const broken = join(temporaryDirectory('lip-commands-'), 'config.yaml');
    writeFileSync(broken, 'port: 0\n');
    writeFileSync(`${broken}.state.json`, '{ not json');
    await expect(startGateway({ upstream: gateway.upstream, flags: ['--config', broken] })).rejects.toThrow(/state\.json/);
  });
});

describe('--force-set-project and --disable-interactive-commands', () => {
  it('should refuse prompts until a project is set, saying how', async () => {
    const forced = await startGateway({ upstream: gateway.upstream, flags: ['--force-set-project'] });
    try {
      const client = new OpenAI({ apiKey: proxyKey, baseURL: `${forced.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-session-id': 'c-project' } });
      const before = forced.upstream.requests.length;
      const refused = await client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] });
      expect(refused.choices[0]?.message.content).toMatch(/!\/set\(project=/);
      expect(forced.upstream.requests.length).toBe(before);
      await client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: '!/set(project=demo)' }] });
      await client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] });
      expect(forced.upstream.requests.length).toBe(before + 1);
    } finally {
      await forced.app.close();
    }
  });

  it('should forward commands as plain text when commands are disabled', async () => {
    const off = await startGateway({ upstream: gateway.upstream, flags: ['--disable-interactive-commands'] });
    try {
      const client = new OpenAI({ apiKey: proxyKey, baseURL: `${off.url}/v1`, maxRetries: 0 });
      await client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: '!/help' }] });
      expect((off.upstream.requests.at(-1)?.body as { messages: { content: string }[] }).messages.at(-1)?.content).toBe('!/help');
    } finally {
      await off.app.close();
    }
  });

  it('should use a custom prefix', async () => {
    const custom = await startGateway({ upstream: gateway.upstream, flags: ['--command-prefix', '#/'] });
    try {
      const client = new OpenAI({ apiKey: proxyKey, baseURL: `${custom.url}/v1`, maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: '#/pwd' }] });
      expect(completion.choices[0]?.message.content).toBe('Project directory not set');
    } finally {
      await custom.app.close();
    }
  });
});
