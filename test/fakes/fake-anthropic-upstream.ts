import type { ServerResponse } from 'node:http';

import { splitPieces, type FakeScenario } from './fake-scenario.js';
import { startFakeServer, writeJson as writePlainJson, type FakeServer, type RecordedRequest } from './start-fake-server.js';

/** The fake's address, recorded requests and cancel counters ({@link FakeServer}), plus scripting. */
export interface FakeAnthropicUpstream extends FakeServer {
  /** The Anthropic SDK base URL: the SDK appends `/v1/messages` itself, so this equals `url`. */
  readonly baseUrl: string;
  /** Every request, with its headers (`x-api-key` or `authorization`, `anthropic-version`) and parsed body. */
  readonly requests: RecordedRequest[];
  setScenario(model: string, scenario: FakeScenario): void;
}

/** One content block of the scripted answer; the stream and the JSON body are both built from these. */
type Block =
  | { readonly type: 'thinking'; readonly thinking: string; readonly signature: string }
  | { readonly type: 'text'; readonly text: string; readonly pieces: number }
  | { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly arguments: string };

/** Error `type` per HTTP status, as the real API names them (PROTOCOLS.md A.5). */
const errorTypes: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/**
 * A loopback server that speaks the Anthropic Messages wire: `POST /v1/messages` (SSE with
 * `event:` lines, or a Message JSON body), `POST /v1/messages/count_tokens` and `GET /v1/models`,
 * scripted per model name with the shared {@link FakeScenario}. It records every request and
 * counts responses whose socket closed early, which is how tests see that the gateway cancelled.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @example
 * const fake = await startFakeAnthropicUpstream();
 * fake.setScenario('claude-tools', { kind: 'tool-calls', calls: [{ name: 'f', arguments: '{}' }] });
 * const client = new Anthropic({ apiKey: 'k', baseURL: fake.baseUrl, maxRetries: 0 });
 */
export async function startFakeAnthropicUpstream(options: { readonly defaultText?: string } = {}): Promise<FakeAnthropicUpstream> {
  const scenarios = new Map<string, FakeScenario>();
  const server = await startFakeServer((request, body, response, track) => {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (method === 'GET' && path === '/v1/models') {
      const model = { type: 'model', id: 'claude-fake', display_name: 'Claude Fake', created_at: '2025-01-01T00:00:00Z' };
      writeJson(response, 200, { data: [model], has_more: false, first_id: model.id, last_id: model.id });
      return;
    }
    if (method === 'POST' && path === '/v1/messages/count_tokens') {
      writeJson(response, 200, { input_tokens: countInputTokens(body ?? {}) });
      return;
    }
    if (method !== 'POST' || path !== '/v1/messages') {
      writeJson(response, 404, errorBody(404, `no route for ${method} ${path}`));
      return;
    }
    const model = typeof body?.model === 'string' ? body.model : '';
    const scenario = scenarios.get(model) ?? { kind: 'text', text: options.defaultText ?? 'Hello from the fake upstream.' };
    track();
    serve(scenario, body ?? {}, response);
  });
  return {
    ...server,
    baseUrl: server.url,
    setScenario: (model, scenario) => scenarios.set(model, scenario),
  };
}

/** Every Anthropic response carries a `request-id` header, as the real API's do. */
function writeJson(response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  writePlainJson(response, status, body, { 'request-id': 'req_fake', ...headers });
}

function errorBody(status: number, message: string): Record<string, unknown> {
  return { type: 'error', error: { type: errorTypes[status] ?? 'api_error', message }, request_id: 'req_fake' };
}

/** A deterministic stand-in for a tokenizer: a quarter of the prompt's JSON length. */
function countInputTokens(body: Record<string, unknown>): number {
  return Math.max(1, Math.ceil(JSON.stringify({ system: body.system, messages: body.messages, tools: body.tools }).length / 4));
}

function countOutputTokens(blocks: readonly Block[]): number {
  const chars = blocks.reduce((sum, block) => sum + (block.type === 'thinking' ? block.thinking : block.type === 'text' ? block.text : block.arguments).length, 0);
  return Math.max(1, Math.ceil(chars / 4));
}

/** Anthropic frames always carry an `event:` line equal to `data.type`; the SDK drops frames without one. */
function frame(type: string, data: Record<string, unknown> = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

function blocksFor(scenario: FakeScenario): Block[] {
  switch (scenario.kind) {
    case 'tool-calls': {
      // Parallel calls cannot interleave on this wire: each tool_use block opens and closes in turn.
      const calls = scenario.calls.map((call, index): Block => ({ type: 'tool_use', id: `toolu_fake_${index}`, name: call.name, arguments: call.arguments }));
      return scenario.text === undefined ? calls : [{ type: 'text', text: scenario.text, pieces: 2 }, ...calls];
    }
    case 'text': {
      const text: Block = { type: 'text', text: scenario.text, pieces: scenario.pieces ?? 4 };
      return scenario.reasoning === undefined ? [text] : [{ type: 'thinking', thinking: scenario.reasoning, signature: 'sig-fake-0' }, text];
    }
    case 'hang':
    case 'error':
      return [];
    default:
      return [{ type: 'text', text: scenario.text, pieces: 4 }];
  }
}

function blockFrames(block: Block, index: number): string[] {
  switch (block.type) {
    case 'thinking':
      return [
        frame('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }),
        ...splitPieces(block.thinking, 3).map((thinking) => frame('content_block_delta', { index, delta: { type: 'thinking_delta', thinking } })),
        frame('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } }),
        frame('content_block_stop', { index }),
      ];
    case 'text':
      return [
        frame('content_block_start', { index, content_block: { type: 'text', text: '' } }),
        ...splitPieces(block.text, block.pieces).map((text) => frame('content_block_delta', { index, delta: { type: 'text_delta', text } })),
        frame('content_block_stop', { index }),
      ];
    case 'tool_use':
      // The real API's first input_json_delta is usually the empty string.
      return [
        frame('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } }),
        ...['', ...splitPieces(block.arguments, 3)].map((partial_json) => frame('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } })),
        frame('content_block_stop', { index }),
      ];
  }
}

function stopReason(blocks: readonly Block[]): string {
  return blocks.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn';
}

function messageStart(model: string, inputTokens: number): string {
  const usage = { input_tokens: inputTokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const message = { id: 'msg_fake', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage };
  return frame('message_start', { message });
}

function parseInput(text: string): unknown {
  try {
    return text.length === 0 ? {} : (JSON.parse(text) as unknown);
  } catch {
    return {};
  }
}

function message(model: string, blocks: readonly Block[], inputTokens: number): Record<string, unknown> {
  const content = blocks.map((block) =>
    block.type === 'tool_use'
      ? { type: 'tool_use', id: block.id, name: block.name, input: parseInput(block.arguments) }
      : block.type === 'text'
        ? { type: 'text', text: block.text }
        : { type: 'thinking', thinking: block.thinking, signature: block.signature },
  );
  const usage = { input_tokens: inputTokens, output_tokens: countOutputTokens(blocks), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  return { id: 'msg_fake', type: 'message', role: 'assistant', model, content, stop_reason: stopReason(blocks), stop_sequence: null, usage };
}

function midStreamError(error: unknown): Record<string, unknown> {
  if (typeof error === 'object' && error !== null) return { error };
  return { error: { type: 'overloaded_error', message: typeof error === 'string' ? error : 'Overloaded' } };
}

function serve(scenario: FakeScenario, body: Record<string, unknown>, response: ServerResponse): void {
  const model = typeof body.model === 'string' ? body.model : 'claude-fake';
  const inputTokens = countInputTokens(body);
  const blocks = blocksFor(scenario);
  if (scenario.kind === 'hang') return;
  if (scenario.kind === 'error') {
    writeJson(response, scenario.status, scenario.body ?? errorBody(scenario.status, 'fake upstream error'), scenario.headers);
    return;
  }
  if (scenario.kind === 'json-body' || body.stream !== true) {
    writeJson(response, 200, message(model, blocks, inputTokens));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': 'req_fake' });
  const head = [messageStart(model, inputTokens), frame('ping')];
  const content = blocks.flatMap(blockFrames);
  const tail = [frame('message_delta', { delta: { stop_reason: stopReason(blocks), stop_sequence: null }, usage: { output_tokens: countOutputTokens(blocks) } }), frame('message_stop')];
  if (scenario.kind === 'endless') {
    response.write([...head, frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } })].join(''));
    const timer = setInterval(() => response.write(frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: scenario.text } })), scenario.intervalMs);
    response.on('close', () => clearInterval(timer));
    return;
  }
  if (scenario.kind === 'disconnect') {
    // head + content_block_start, then `afterPieces` text deltas.
    response.write([...head, ...content.slice(0, 1 + scenario.afterPieces)].join(''));
    setTimeout(() => response.socket?.destroy(), 5);
    return;
  }
  if (scenario.kind === 'mid-stream-error') {
    response.write([...head, ...content.slice(0, 2)].join(''));
    response.end(frame('error', midStreamError(scenario.error)));
    return;
  }
  const events = [...head, ...content, ...tail];
  const delay = scenario.kind === 'text' ? scenario.delayMs ?? 0 : 0;
  if (delay === 0) {
    response.end(events.join(''));
    return;
  }
  let index = 0;
  const next = (): void => {
    if (response.destroyed) return;
    if (index >= events.length) {
      response.end();
      return;
    }
    response.write(events[index++]);
    setTimeout(next, delay);
  };
  next();
}
