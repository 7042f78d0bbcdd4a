import type { ServerResponse } from 'node:http';

import { splitPieces, type FakeScenario } from './fake-scenario.js';
import { startFakeServer, writeJson as writePlainJson, type FakeServer, type RecordedRequest } from './start-fake-server.js';

/** The fake's address, recorded requests and cancel counters ({@link FakeServer}), plus scripting. */
export interface FakeGeminiUpstream extends FakeServer {
  /** The genai SDK base URL (`httpOptions.baseUrl`): the SDK appends `/v1beta/models/…` itself. */
  readonly baseUrl: string;
  /** Every request, with its headers (`x-goog-api-key`), the URL (model, method, `alt`) and parsed body. */
  readonly requests: RecordedRequest[];
  setScenario(model: string, scenario: FakeScenario): void;
}

type Part =
  | { readonly text: string; readonly thought?: true }
  | { readonly functionCall: { readonly name: string; readonly args: unknown }; readonly thoughtSignature?: string };

/** How a stream is framed: SSE (`alt=sse`) or, without it, one JSON array written element by element. */
interface Framing {
  readonly contentType: string;
  element(index: number, json: string): string;
  readonly end: string;
}

const sseFraming: Framing = { contentType: 'text/event-stream', element: (_index, json) => `data: ${json}\r\n\r\n`, end: '' };
const arrayFraming: Framing = { contentType: 'application/json', element: (index, json) => `${index === 0 ? '[' : '\r\n,'}${json}`, end: ']' };

/** RPC status names per HTTP status, as the real API sends them (PROTOCOLS.md A.6). */
const rpcStatuses: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/**
 * A loopback server that speaks the Gemini v1beta wire: `:streamGenerateContent` (SSE with CRLF
 * framing under `alt=sse`, else one incrementally written JSON array), `:generateContent`,
 * `:countTokens` and `GET /v1beta/models`, scripted per model name (taken from the path) with the
 * shared {@link FakeScenario}. It records every request and counts responses whose socket closed
 * early, which is how tests see that the gateway cancelled. `/v1/…` paths (genai 3.x) work too.
 * @see https://ai.google.dev/api/generate-content
 * @example
 * const fake = await startFakeGeminiUpstream();
 * fake.setScenario('gemini-think', { kind: 'text', text: 'Hi', reasoning: 'Hmm' });
 * const ai = new GoogleGenAI({ apiKey: 'k', apiVersion: 'v1beta', httpOptions: { baseUrl: fake.baseUrl } });
 */
export async function startFakeGeminiUpstream(options: { readonly defaultText?: string } = {}): Promise<FakeGeminiUpstream> {
  const scenarios = new Map<string, FakeScenario>();
  const server = await startFakeServer((request, body, response, track) => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://fake');
    if (method === 'GET' && /^\/v1(beta)?\/models$/.test(url.pathname)) {
      writeJson(response, 200, { models: [modelInfo] });
      return;
    }
    const route = /^\/v1(?:beta)?\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/.exec(url.pathname);
    if (method !== 'POST' || route === null) {
      writeJson(response, 404, errorBody(404, `no route for ${method} ${url.pathname}`));
      return;
    }
    const [, model = '', action] = route;
    if (action === 'countTokens') {
      writeJson(response, 200, { totalTokens: countPromptTokens(body ?? {}) });
      return;
    }
    const scenario = scenarios.get(decodeURIComponent(model)) ?? { kind: 'text', text: options.defaultText ?? 'Hello from the fake upstream.' };
    track();
    const framing = action === 'generateContent' ? undefined : url.searchParams.get('alt') === 'sse' ? sseFraming : arrayFraming;
    serve(scenario, decodeURIComponent(model), body ?? {}, framing, response);
  });
  return {
    ...server,
    baseUrl: server.url,
    setScenario: (model, scenario) => scenarios.set(model, scenario),
  };
}

const modelInfo = {
  name: 'models/gemini-fake',
  version: '001',
  displayName: 'Gemini Fake',
  description: 'A scripted loopback model.',
  inputTokenLimit: 1_048_576,
  outputTokenLimit: 65_536,
  supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
};

/** Gemini names the charset in its JSON content type, as the real API does. */
function writeJson(response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  writePlainJson(response, status, body, { 'content-type': 'application/json; charset=UTF-8', ...headers });
}

function errorBody(code: number, message: string): Record<string, unknown> {
  return { error: { code, message, status: rpcStatuses[code] ?? 'UNKNOWN' } };
}

/** A deterministic stand-in for a tokenizer: a quarter of the prompt's JSON length. */
function countPromptTokens(body: Record<string, unknown>): number {
  return Math.max(1, Math.ceil(JSON.stringify({ contents: body.contents, systemInstruction: body.systemInstruction, tools: body.tools }).length / 4));
}

/**
 * The parts of each stream chunk. Parallel calls come one per chunk, or all in one chunk when
 * `interleave` is set (Gemini's nearest equivalent: the calls arrive together).
 */
function chunksFor(scenario: FakeScenario): Part[][] {
  switch (scenario.kind) {
    case 'tool-calls': {
      const calls = scenario.calls.map((call, index): Part => {
        const functionCall = { name: call.name, args: parseArgs(call.arguments) };
        // Gemini 3 puts the turn's thought signature on the first functionCall part.
        return index === 0 ? { functionCall, thoughtSignature: 'sig-fake-0' } : { functionCall };
      });
      const text = scenario.text === undefined ? [] : [[{ text: scenario.text }]];
      return [...text, ...(scenario.interleave === true ? [calls] : calls.map((call) => [call]))];
    }
    case 'text': {
      const thoughts = scenario.reasoning === undefined ? [] : splitPieces(scenario.reasoning, 3).map((text): Part[] => [{ text, thought: true }]);
      return [...thoughts, ...textChunks(scenario.text, scenario.pieces ?? 4)];
    }
    case 'hang':
    case 'error':
      return [];
    default:
      return textChunks(scenario.text, 4);
  }
}

function textChunks(text: string, pieces: number): Part[][] {
  const chunks = splitPieces(text, pieces).map((piece): Part[] => [{ text: piece }]);
  return chunks.length > 0 ? chunks : [[{ text: '' }]];
}

function parseArgs(text: string): unknown {
  try {
    return text.length === 0 ? {} : (JSON.parse(text) as unknown);
  } catch {
    return {};
  }
}

/** Characters of thought parts (`thought`) or of answer parts (text and function calls). */
function partChars(parts: readonly Part[], thought: boolean): number {
  let chars = 0;
  for (const part of parts) {
    if ('functionCall' in part) chars += thought ? 0 : JSON.stringify(part.functionCall).length;
    else if ((part.thought === true) === thought) chars += part.text.length;
  }
  return chars;
}

/** One GenerateContentResponse; `seen` is every part so far, for running-total usage. */
function response(model: string, parts: readonly Part[], seen: readonly Part[], promptTokens: number, last: boolean): Record<string, unknown> {
  const candidatesTokenCount = Math.ceil(partChars(seen, false) / 4);
  const thoughtsTokenCount = Math.ceil(partChars(seen, true) / 4);
  const usageMetadata = {
    promptTokenCount: promptTokens,
    candidatesTokenCount,
    ...(thoughtsTokenCount > 0 ? { thoughtsTokenCount } : {}),
    totalTokenCount: promptTokens + candidatesTokenCount + thoughtsTokenCount,
  };
  // STOP even when the turn ends in function calls, as the real API does.
  const candidate = { content: { parts, role: 'model' }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) };
  return { candidates: [candidate], usageMetadata, modelVersion: model, responseId: 'resp-fake' };
}

/** The whole answer as one body: adjacent text parts of the same kind merged, as generateContent returns them. */
function wholeBody(model: string, chunks: readonly Part[][], promptTokens: number): Record<string, unknown> {
  const merged: Part[] = [];
  for (const part of chunks.flat()) {
    const previous = merged.at(-1);
    if (previous !== undefined && 'text' in previous && 'text' in part && previous.thought === part.thought) {
      merged[merged.length - 1] = { ...previous, text: previous.text + part.text };
    } else merged.push(part);
  }
  return response(model, merged, merged, promptTokens, true);
}

function midStreamError(error: unknown): string {
  // genai raises ApiError only for an `error` object with a numeric code in 400..599.
  const value = typeof error === 'object' && error !== null ? error : errorBody(500, typeof error === 'string' ? error : 'Internal error').error;
  return JSON.stringify({ error: value });
}

function serve(scenario: FakeScenario, model: string, body: Record<string, unknown>, framing: Framing | undefined, out: ServerResponse): void {
  const promptTokens = countPromptTokens(body);
  const chunks = chunksFor(scenario);
  if (scenario.kind === 'hang') return;
  if (scenario.kind === 'error') {
    writeJson(out, scenario.status, scenario.body ?? errorBody(scenario.status, 'fake upstream error'), scenario.headers);
    return;
  }
  if (scenario.kind === 'json-body' || framing === undefined) {
    writeJson(out, 200, wholeBody(model, chunks, promptTokens));
    return;
  }
  out.writeHead(200, { 'content-type': framing.contentType, 'content-disposition': 'attachment', 'cache-control': 'no-cache' });
  const seen: Part[] = [];
  const elements = chunks.map((parts, index) => {
    seen.push(...parts);
    return framing.element(index, JSON.stringify(response(model, parts, seen, promptTokens, index === chunks.length - 1)));
  });
  if (scenario.kind === 'endless') {
    const sent: Part[] = [];
    const timer = setInterval(() => {
      sent.push({ text: scenario.text });
      out.write(framing.element(sent.length - 1, JSON.stringify(response(model, [{ text: scenario.text }], sent, promptTokens, false))));
    }, scenario.intervalMs);
    out.on('close', () => clearInterval(timer));
    return;
  }
  if (scenario.kind === 'disconnect') {
    out.write(elements.slice(0, scenario.afterPieces).join(''));
    setTimeout(() => out.socket?.destroy(), 5);
    return;
  }
  if (scenario.kind === 'mid-stream-error') {
    out.write(elements.slice(0, 1).join(''));
    out.end(framing.element(1, midStreamError(scenario.error)) + framing.end);
    return;
  }
  const delay = scenario.kind === 'text' ? scenario.delayMs ?? 0 : 0;
  if (delay === 0) {
    out.end(elements.join('') + framing.end);
    return;
  }
  let index = 0;
  const next = (): void => {
    if (out.destroyed) return;
    if (index >= elements.length) {
      out.end(framing.end);
      return;
    }
    out.write(elements[index++]);
    setTimeout(next, delay);
  };
  next();
}
