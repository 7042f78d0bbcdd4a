import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliFlags, resolveConfig } from '../../src/config/index.js';
import { buildApp } from '../../src/server/build-app.js';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream.js';
import { startFakeGeminiUpstream, type FakeGeminiUpstream } from '../fakes/fake-gemini-upstream.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream.js';
import type { FakeScenario } from '../fakes/fake-scenario.js';
import { runClient, type ClientName } from './matrix-clients.js';

/**
 * Every client protocol × every backend family × {stream, not} × {text, one tool call, parallel
 * tool calls, reasoning, a tool-result round trip}, each client being its official SDK and each
 * backend a fake speaking the vendor's real wire.
 */
const proxyKey = 'matrix-proxy-key';
let app: FastifyInstance;
let url: string;
let upstreams: { openai: FakeOpenAIUpstream; anthropic: FakeAnthropicUpstream; gemini: FakeGeminiUpstream };

const scenarios: Readonly<Record<string, FakeScenario>> = {
  'm-text': { kind: 'text', text: 'Bonjour — ça va? 🚀 Fine.', pieces: 5 },
  'm-reasoning': { kind: 'text', text: 'The answer is 42.', reasoning: 'Six times seven is forty-two.', pieces: 3 },
  'm-tool': { kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
  'm-parallel': {
    kind: 'tool-calls',
    interleave: true,
    calls: [
      { name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { name: 'get_weather', arguments: '{"city":"Lima"}' },
    ],
  },
  'm-after-tool': { kind: 'text', text: 'It is sunny in Paris.' },
};

beforeAll(async () => {
  upstreams = {
    openai: await startFakeOpenAIUpstream(),
    anthropic: await startFakeAnthropicUpstream(),
    gemini: await startFakeGeminiUpstream(),
  };
  for (const upstream of Object.values(upstreams)) {
    for (const [model, scenario] of Object.entries(scenarios)) upstream.setScenario(model, scenario);
  }
  const config = resolveConfig(parseCliFlags(['--port', '0']), {
    DATA_DIR: ':memory:',
    LLM_INTERACTIVE_PROXY_API_KEY: proxyKey,
    OPENAI_API_KEY: 'sk-openai-upstream',
    OPENAI_API_BASE_URL: upstreams.openai.baseUrl,
    ANTHROPIC_API_KEY: 'sk-ant-upstream',
    ANTHROPIC_API_BASE_URL: upstreams.anthropic.baseUrl,
    GEMINI_API_KEY: 'AIza-gemini-upstream',
    GEMINI_API_BASE_URL: upstreams.gemini.baseUrl,
  });
  app = await buildApp(config);
  url = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
  await Promise.all(Object.values(upstreams).map((upstream) => upstream.close()));
});

const clients: readonly ClientName[] = ['openai', 'anthropic', 'gemini'];
const backends = ['openai', 'anthropic', 'gemini'] as const;

describe.each(clients)('%s client', (client) => {
  describe.each(backends)('→ %s backend', (backend) => {
    describe.each([false, true])('stream=%s', (stream) => {
      it('should carry text across', async () => {
        const reply = await runClient(client, url, proxyKey, { model: `${backend}:m-text`, stream, prompt: 'Say hi' });
        expect(reply.text).toBe('Bonjour — ça va? 🚀 Fine.');
        expect(reply.finish).toBe('stop');
        expect(reply.toolCalls).toEqual([]);
      });

      it('should carry reasoning across as reasoning, not as text', async () => {
        const reply = await runClient(client, url, proxyKey, { model: `${backend}:m-reasoning`, stream, prompt: 'Think' });
        expect(reply.text).toBe('The answer is 42.');
        expect(reply.reasoning).toBe('Six times seven is forty-two.');
      });

      it('should carry one tool call across', async () => {
        const reply = await runClient(client, url, proxyKey, { model: `${backend}:m-tool`, stream, prompt: 'Weather?', withTools: true });
        expect(reply.toolCalls.map((call) => [call.name, call.args])).toEqual([['get_weather', { city: 'Paris' }]]);
        // Gemini itself sends calls without ids; every other path must give the client one.
        if (!(client === 'gemini' && backend === 'gemini')) expect(reply.toolCalls[0]?.id).not.toBe('');
        expect(reply.finish).toBe('tool_calls');
      });

      it('should carry parallel tool calls across, each with its own arguments', async () => {
        const reply = await runClient(client, url, proxyKey, { model: `${backend}:m-parallel`, stream, prompt: 'Two cities', withTools: true });
        expect(reply.toolCalls.map((call) => call.args)).toEqual([{ city: 'Oslo' }, { city: 'Lima' }]);
        if (!(client === 'gemini' && backend === 'gemini')) expect(new Set(reply.toolCalls.map((call) => call.id)).size).toBe(2);
      });

      it('should deliver a tool result upstream in the backend protocol and answer', async () => {
        const reply = await runClient(client, url, proxyKey, {
          model: `${backend}:m-after-tool`,
          stream,
          prompt: 'Weather in Paris?',
          withTools: true,
          toolTurn: { call: { id: 'call_round_trip_1', name: 'get_weather', args: { city: 'Paris' } }, result: 'sunny, 24°C' },
        });
        expect(reply.text).toBe('It is sunny in Paris.');
        expect(upstreamToolResult(backend)).toEqual({ name: 'get_weather', result: 'sunny, 24°C' });
      });
    });
  });
});

/** The tool call and result as the backend's fake received them, read in its own wire format. */
function upstreamToolResult(backend: (typeof backends)[number]): { name: string; result: string } | undefined {
  const body = upstreams[backend].requests.at(-1)?.body as Record<string, unknown> | undefined;
  if (body === undefined) return undefined;
  if (backend === 'openai') {
    const messages = body.messages as { role: string; tool_calls?: { id: string; function: { name: string } }[]; tool_call_id?: string; content?: unknown }[];
    const call = messages.find((message) => message.tool_calls !== undefined)?.tool_calls?.[0];
    const result = messages.find((message) => message.role === 'tool');
    return call !== undefined && result?.tool_call_id === call.id ? { name: call.function.name, result: String(result.content) } : undefined;
  }
  if (backend === 'anthropic') {
    const messages = body.messages as { content: { type: string; id?: string; name?: string; tool_use_id?: string; content?: unknown }[] | string }[];
    const blocks = messages.flatMap((message) => (Array.isArray(message.content) ? message.content : []));
    const call = blocks.find((block) => block.type === 'tool_use');
    const result = blocks.find((block) => block.type === 'tool_result');
    const text = typeof result?.content === 'string' ? result.content : (result?.content as { text?: string }[] | undefined)?.map((part) => part.text).join('');
    return call !== undefined && result?.tool_use_id === call.id ? { name: call.name ?? '', result: text ?? '' } : undefined;
  }
  const contents = body.contents as { parts: { functionCall?: { name: string }; functionResponse?: { name: string; response: { output?: string } } }[] }[];
  const parts = contents.flatMap((content) => content.parts);
  const call = parts.find((part) => part.functionCall !== undefined)?.functionCall;
  const response = parts.find((part) => part.functionResponse !== undefined)?.functionResponse;
  return call !== undefined && response?.name === call.name ? { name: call.name, result: String(response.response.output) } : undefined;
}
