import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { parseCliFlags, resolveConfig } from '../../src/config/index.js';
import { buildApp } from '../../src/server/build-app.js';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream.js';
import { startFakeGeminiUpstream, type FakeGeminiUpstream } from '../fakes/fake-gemini-upstream.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream, type RecordedRequest } from '../fakes/fake-openai-upstream.js';

/**
 * Shared set-up of the agent regression tests: the gateway (built with `buildApp`, loopback,
 * port 0) in front of the three vendor fakes, plus helpers to replay what a real coding agent
 * sends (raw HTTP, the agent's own request shapes) and to read SSE answers.
 */
export const agentProxyKey = 'agent-proxy-key';

export interface AgentGateway {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly openai: FakeOpenAIUpstream;
  readonly anthropic: FakeAnthropicUpstream | ScriptedAnthropic;
  readonly gemini: FakeGeminiUpstream;
  close(): Promise<void>;
}

/** Starts the gateway over the fakes; `anthropic` replaces the stock Anthropic fake when given. */
export async function startAgentGateway(options: { readonly anthropic?: ScriptedAnthropic } = {}): Promise<AgentGateway> {
  const openai = await startFakeOpenAIUpstream();
  const anthropic = options.anthropic ?? (await startFakeAnthropicUpstream());
  const gemini = await startFakeGeminiUpstream();
  const config = resolveConfig(parseCliFlags(['--port', '0']), {
    DATA_DIR: ':memory:',
    LLM_INTERACTIVE_PROXY_API_KEY: agentProxyKey,
    OPENAI_API_KEY: 'sk-openai-upstream',
    OPENAI_API_BASE_URL: openai.baseUrl,
    ANTHROPIC_API_KEY: 'sk-ant-upstream',
    ANTHROPIC_API_BASE_URL: anthropic.baseUrl,
    GEMINI_API_KEY: 'AIza-gemini-upstream',
    GEMINI_API_BASE_URL: gemini.baseUrl,
  });
  const app = await buildApp(config);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    openai,
    anthropic,
    gemini,
    close: async () => {
      await app.close();
      await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
    },
  };
}

/** POSTs JSON with the proxy key and the extra headers an agent sends. */
export async function postJson(url: string, body: unknown, headers: Readonly<Record<string, string>> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${agentProxyKey}`, 'x-api-key': agentProxyKey, ...headers },
    body: JSON.stringify(body),
  });
}

/** The `data:` payloads of an SSE body, parsed (`[DONE]` left out). */
export async function sseData(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  const out: Record<string, unknown>[] = [];
  for (const frame of text.split(/\r?\n\r?\n/)) {
    const data = frame
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (data.length === 0 || data === '[DONE]') continue;
    out.push(JSON.parse(data) as Record<string, unknown>);
  }
  return out;
}

/** The Gemini requests whose URL names `model`. */
export function geminiRequestsFor(gemini: FakeGeminiUpstream, model: string): RecordedRequest[] {
  return gemini.requests.filter((request) => request.url.includes(`/models/${model}:`));
}

/**
 * A minimal Anthropic upstream for the tool-use loop of a thinking model, as the real API plays
 * it: with no tool result in the conversation, a signed `thinking` block then a `tool_use`;
 * after the tool result, a short text. It records every request body.
 */
export interface ScriptedAnthropic {
  readonly baseUrl: string;
  readonly requests: Record<string, unknown>[];
  close(): Promise<void>;
}

export const scriptedSignature = 'sig-scripted-anthropic-1';

export async function startScriptedAnthropic(toolName: string, input: Record<string, unknown>): Promise<ScriptedAnthropic> {
  const requests: Record<string, unknown>[] = [];
  const server: Server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as Record<string, unknown>;
      requests.push(body);
      const messages = (body.messages ?? []) as { role: string; content: unknown }[];
      const last = messages[messages.length - 1];
      const afterTool = last?.role === 'user' && Array.isArray(last.content) && last.content.some((block: { type?: string }) => block.type === 'tool_result');
      const frame = (type: string, data: Record<string, unknown> = {}): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
      const frames = [frame('message_start', { message: { id: `msg_${requests.length}`, type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } } })];
      if (afterTool) {
        frames.push(
          frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
          frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Done.' } }),
          frame('content_block_stop', { index: 0 }),
          frame('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } }),
        );
      } else {
        frames.push(
          frame('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
          frame('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'I will write the file.' } }),
          frame('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: scriptedSignature } }),
          frame('content_block_stop', { index: 0 }),
          frame('content_block_start', { index: 1, content_block: { type: 'tool_use', id: 'toolu_scripted_1', name: toolName, input: {} } }),
          frame('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) } }),
          frame('content_block_stop', { index: 1 }),
          frame('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 20 } }),
        );
      }
      frames.push(frame('message_stop'));
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(frames.join(''));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Codex's shell tool as it declares it (Codex 0.169.0). */
const codexExecCommand = {
  type: 'function',
  name: 'exec_command',
  description: 'Runs a command in a PTY.',
  strict: false,
  parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'], additionalProperties: false },
};

/** The request fields Codex sends on every turn (Responses, `store: false`, reasoning on). */
export function codexRequest(model: string, input: unknown[], sessionId: string): Record<string, unknown> {
  return {
    model,
    instructions: 'You are a coding agent running in the Codex CLI.',
    input,
    tools: [codexExecCommand],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    reasoning: { effort: 'high', summary: 'auto' },
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: sessionId,
  };
}
