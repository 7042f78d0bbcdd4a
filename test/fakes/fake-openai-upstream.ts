import type { ServerResponse } from 'node:http';

import { serveResponses } from './fake-openai-responses-wire.js';
import type { FakeScenario } from './fake-scenario.js';
import { startFakeServer, writeJson, type FakeServer } from './start-fake-server.js';

export type { FakeScenario } from './fake-scenario.js';
export type { RecordedRequest } from './start-fake-server.js';

/** The fake's address, recorded requests and cancel counters ({@link FakeServer}), plus scripting. */
export interface FakeOpenAIUpstream extends FakeServer {
  /** The OpenAI-style base URL (with `/v1`). */
  readonly baseUrl: string;
  setScenario(model: string, scenario: FakeScenario): void;
  /** A scenario for one model when the request carries this upstream key (key rotation tests). */
  setScenarioForKey(model: string, key: string, scenario: FakeScenario): void;
}

const usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18, completion_tokens_details: { reasoning_tokens: 0 } };

/**
 * A loopback server that speaks the OpenAI Chat Completions wire (SSE and JSON), and a minimal
 * Responses wire at `/v1/responses` (text and function calls, SSE or JSON), scripted per
 * model name: text, tool calls (parallel, optionally interleaved), HTTP errors, endless and slow
 * streams, a disconnect mid-stream, an in-band error. It records every request and counts
 * responses whose socket closed early, which is how tests see that the gateway cancelled.
 */
export async function startFakeOpenAIUpstream(options: { readonly defaultText?: string } = {}): Promise<FakeOpenAIUpstream> {
  const scenarios = new Map<string, FakeScenario>();
  const server = await startFakeServer((request, body, response, track) => {
    if (request.url?.endsWith('/models')) {
      writeJson(response, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'fake' }] });
      return;
    }
    const model = typeof body?.model === 'string' ? body.model : '';
    const key = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const scenario = scenarios.get(`${model}|${key}`) ?? scenarios.get(model) ?? { kind: 'text', text: options.defaultText ?? 'Hello from the fake upstream.' };
    if (request.url?.endsWith('/responses')) {
      serveResponses(scenario, body ?? {}, response);
      return;
    }
    track();
    serve(scenario, body ?? {}, response);
  });
  return {
    ...server,
    baseUrl: `${server.url}/v1`,
    setScenario: (model, scenario) => scenarios.set(model, scenario),
    setScenarioForKey: (model, key, scenario) => scenarios.set(`${model}|${key}`, scenario),
  };
}

function chunk(model: string, delta: Record<string, unknown>, finishReason: string | null = null): string {
  const payload = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{ index: 0, delta, finish_reason: finishReason }] };
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function split(text: string, pieces: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const out: string[] = [];
  for (let index = 0; index < text.length; index += size) out.push(text.slice(index, index + size));
  return out;
}

function serve(scenario: FakeScenario, body: Record<string, unknown>, response: ServerResponse): void {
  const model = typeof body.model === 'string' ? body.model : 'fake';
  const stream = body.stream === true;
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  switch (scenario.kind) {
    case 'error':
      writeJson(
        response,
        scenario.status,
        scenario.body ?? { error: { message: `Fake upstream error ${scenario.status}`, type: scenario.status === 429 ? 'rate_limit_error' : 'server_error', param: null, code: null } },
        scenario.headers,
      );
      return;
    case 'hang':
      return;
    case 'json-body':
      writeJson(response, 200, completion(model, scenario.text));
      return;
    default:
      break;
  }
  if (!stream) {
    writeJson(response, 200, completion(model, scenario.kind === 'tool-calls' ? '' : 'text' in scenario ? scenario.text : ''));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const events = eventsFor(scenario, model);
  const finish = (): void => {
    if (includeUsage) response.write(`data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [], usage })}\n\n`);
    response.end('data: [DONE]\n\n');
  };
  if (scenario.kind === 'endless') {
    response.write(chunk(model, { role: 'assistant', content: '' }));
    const timer = setInterval(() => response.write(chunk(model, { content: scenario.text })), scenario.intervalMs);
    response.on('close', () => clearInterval(timer));
    return;
  }
  if (scenario.kind === 'disconnect') {
    response.write(events.slice(0, scenario.afterPieces + 1).join(''));
    setTimeout(() => response.socket?.destroy(), 5);
    return;
  }
  if (scenario.kind === 'mid-stream-error') {
    response.write(events.slice(0, 2).join(''));
    response.end(`data: ${JSON.stringify({ error: scenario.error })}\n\n`);
    return;
  }
  const delay = scenario.kind === 'text' ? scenario.delayMs ?? 0 : 0;
  if (delay === 0) {
    response.write(events.join(''));
    finish();
    return;
  }
  let index = 0;
  const next = (): void => {
    if (response.destroyed) return;
    if (index >= events.length) {
      finish();
      return;
    }
    response.write(events[index++]);
    setTimeout(next, delay);
  };
  next();
}

function eventsFor(scenario: FakeScenario, model: string): string[] {
  const events = [chunk(model, { role: 'assistant', content: '' })];
  if (scenario.kind === 'tool-calls') {
    if (scenario.text !== undefined) events.push(chunk(model, { content: scenario.text }));
    const starts = scenario.calls.map((call, index) =>
      chunk(model, { tool_calls: [{ index, id: `call_fake_${index}`, type: 'function', function: { name: call.name, arguments: '' } }] }),
    );
    const fragments = scenario.calls.map((call, index) =>
      split(call.arguments, 3).map((piece) => chunk(model, { tool_calls: [{ index, function: { arguments: piece } }] })),
    );
    if (scenario.interleave === true) {
      events.push(...starts);
      const longest = Math.max(...fragments.map((list) => list.length));
      for (let step = 0; step < longest; step++) for (const list of fragments) if (list[step] !== undefined) events.push(list[step] as string);
    } else {
      scenario.calls.forEach((_call, index) => events.push(starts[index] as string, ...(fragments[index] ?? [])));
    }
    events.push(chunk(model, {}, 'tool_calls'));
    return events;
  }
  const text = 'text' in scenario ? scenario.text : '';
  if (scenario.kind === 'text' && scenario.reasoning !== undefined) {
    for (const piece of split(scenario.reasoning, 3)) events.push(chunk(model, { reasoning_content: piece }));
  }
  const pieces = scenario.kind === 'text' ? scenario.pieces ?? 4 : 4;
  for (const piece of split(text, pieces)) events.push(chunk(model, { content: piece }));
  events.push(chunk(model, {}, 'stop'));
  return events;
}

function completion(model: string, text: string): Record<string, unknown> {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage,
  };
}
