import { ApiError, GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFakeGeminiUpstream, type FakeGeminiUpstream } from './fake-gemini-upstream.js';

const contents = 'hi';

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function collect(stream: AsyncGenerator<GenerateContentResponse>): Promise<GenerateContentResponse[]> {
  const chunks: GenerateContentResponse[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('startFakeGeminiUpstream', () => {
  let fake: FakeGeminiUpstream;
  let ai: GoogleGenAI;

  beforeAll(async () => {
    fake = await startFakeGeminiUpstream();
    ai = new GoogleGenAI({ apiKey: 'k', apiVersion: 'v1beta', httpOptions: { baseUrl: fake.baseUrl } });
  });
  afterAll(() => fake.close());

  it('should stream incremental text with running usage and STOP on the last chunk', async () => {
    fake.setScenario('gemini-text', { kind: 'text', text: 'Hello there, world', pieces: 3 });
    const chunks = await collect(await ai.models.generateContentStream({ model: 'gemini-text', contents }));
    expect(chunks.map((chunk) => chunk.text)).toEqual(['Hello ', 'there,', ' world']);
    expect(chunks.map((chunk) => chunk.candidates?.[0]?.finishReason)).toEqual([undefined, undefined, 'STOP']);
    const totals = chunks.map((chunk) => chunk.usageMetadata?.candidatesTokenCount ?? 0);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(chunks.at(-1)?.usageMetadata?.candidatesTokenCount).toBe(Math.ceil('Hello there, world'.length / 4));
    const recorded = fake.requests.at(-1);
    expect(recorded?.url).toBe('/v1beta/models/gemini-text:streamGenerateContent?alt=sse');
    expect(recorded?.headers['x-goog-api-key']).toBe('k');
    expect(recorded?.body?.contents).toEqual([{ role: 'user', parts: [{ text: 'hi' }] }]);
  });

  it('should frame SSE events with CRLF and no event lines', async () => {
    const response = await fetch(`${fake.url}/v1beta/models/gemini-text:streamGenerateContent?alt=sse`, { method: 'POST', body: '{}' });
    const text = await response.text();
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(text.split('\r\n\r\n')).toHaveLength(4);
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    expect(text).not.toContain('event:');
  });

  it('should stream one JSON array without alt=sse', async () => {
    const response = await fetch(`${fake.url}/v1beta/models/gemini-text:streamGenerateContent`, { method: 'POST', body: '{}' });
    const text = await response.text();
    expect(text.startsWith('[{')).toBe(true);
    expect(text).toContain('}\r\n,{');
    const elements = JSON.parse(text) as { candidates: { content: { parts: { text: string }[] } }[] }[];
    expect(elements.map((element) => element.candidates[0]?.content.parts[0]?.text).join('')).toBe('Hello there, world');
  });

  it('should stream thought parts before the answer', async () => {
    fake.setScenario('gemini-think', { kind: 'text', text: 'Answer.', reasoning: 'Let me think about it.' });
    const chunks = await collect(await ai.models.generateContentStream({ model: 'gemini-think', contents }));
    const parts = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
    expect(parts.filter((part) => part.thought === true).map((part) => part.text).join('')).toBe('Let me think about it.');
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('Answer.');
    expect(chunks.at(-1)?.usageMetadata?.thoughtsTokenCount).toBe(Math.ceil('Let me think about it.'.length / 4));
  });

  it('should stream whole function calls with a thought signature on the first and finish with STOP', async () => {
    fake.setScenario('gemini-tools', {
      kind: 'tool-calls',
      text: 'Calling.',
      calls: [
        { name: 'get_weather', arguments: '{"city":"Paris"}' },
        { name: 'get_time', arguments: '{"zone":"CET"}' },
      ],
    });
    const chunks = await collect(await ai.models.generateContentStream({ model: 'gemini-tools', contents }));
    expect(chunks.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([
      { name: 'get_weather', args: { city: 'Paris' } },
      { name: 'get_time', args: { zone: 'CET' } },
    ]);
    const callParts = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []).filter((part) => part.functionCall !== undefined);
    expect(callParts.map((part) => part.thoughtSignature)).toEqual(['sig-fake-0', undefined]);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('should send parallel calls together in one chunk when interleave is set', async () => {
    fake.setScenario('gemini-parallel', { kind: 'tool-calls', interleave: true, calls: [{ name: 'a', arguments: '{}' }, { name: 'b', arguments: '' }] });
    const chunks = await collect(await ai.models.generateContentStream({ model: 'gemini-parallel', contents }));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.functionCalls).toEqual([{ name: 'a', args: {} }, { name: 'b', args: {} }]);
  });

  it('should return one whole body from generateContent', async () => {
    fake.setScenario('gemini-body', { kind: 'text', text: 'Whole answer.', reasoning: 'hmm, yes' });
    const response = await ai.models.generateContent({ model: 'gemini-body', contents });
    expect(response.text).toBe('Whole answer.');
    expect(response.candidates?.[0]?.content?.parts).toEqual([{ text: 'hmm, yes', thought: true }, { text: 'Whole answer.' }]);
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(fake.requests.at(-1)?.url).toBe('/v1beta/models/gemini-body:generateContent');
  });

  it('should answer a whole body to a stream request in the json-body scenario', async () => {
    fake.setScenario('gemini-json', { kind: 'json-body', text: 'plain' });
    const response = await fetch(`${fake.url}/v1beta/models/gemini-json:streamGenerateContent?alt=sse`, { method: 'POST', body: '{}' });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({ candidates: [{ content: { parts: [{ text: 'plain' }] }, finishReason: 'STOP' }] });
  });

  it('should count tokens deterministically', async () => {
    const first = await ai.models.countTokens({ model: 'gemini-fake', contents });
    const second = await ai.models.countTokens({ model: 'gemini-fake', contents });
    expect(first.totalTokens).toBeGreaterThan(0);
    expect(second.totalTokens).toBe(first.totalTokens);
  });

  it('should list models in the Gemini shape', async () => {
    const names: string[] = [];
    for await (const model of await ai.models.list()) names.push(model.name ?? '');
    expect(names).toEqual(['models/gemini-fake']);
  });

  it('should raise ApiError with the status for HTTP error scenarios', async () => {
    fake.setScenario('gemini-429', { kind: 'error', status: 429, body: undefined });
    const error = await ai.models.generateContent({ model: 'gemini-429', contents }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).message).toContain('RESOURCE_EXHAUSTED');
    fake.setScenario('gemini-400', { kind: 'error', status: 400, body: { error: { code: 400, message: 'API key not valid', status: 'INVALID_ARGUMENT' } } });
    const streamError = await ai.models.generateContentStream({ model: 'gemini-400', contents }).catch((caught: unknown) => caught);
    expect((streamError as ApiError).status).toBe(400);
  });

  it('should raise ApiError 500 for an in-band error chunk after some text', async () => {
    fake.setScenario('gemini-mid', { kind: 'mid-stream-error', text: 'partial answer', error: 'boom' });
    const texts: string[] = [];
    const failure = (async () => {
      for await (const chunk of await ai.models.generateContentStream({ model: 'gemini-mid', contents })) texts.push(chunk.text ?? '');
    })().catch((caught: unknown) => caught);
    const error = await failure;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
    expect(texts).toEqual(['part']);
  });

  it('should fail the SDK stream when the upstream disconnects and count it as aborted', async () => {
    fake.setScenario('gemini-cut', { kind: 'disconnect', text: 'abcdefgh', afterPieces: 2 });
    await waitFor(() => fake.openResponses() === 0);
    const before = fake.abortedResponses();
    const texts: string[] = [];
    const failure = (async () => {
      for await (const chunk of await ai.models.generateContentStream({ model: 'gemini-cut', contents })) texts.push(chunk.text ?? '');
    })().catch((caught: unknown) => caught);
    expect(await failure).toBeInstanceOf(Error);
    expect(texts).toEqual(['ab', 'cd']);
    await waitFor(() => fake.abortedResponses() === before + 1 && fake.openResponses() === 0);
  });

  it('should count a response as aborted when the client aborts an endless stream', async () => {
    fake.setScenario('gemini-endless', { kind: 'endless', text: 'more ', intervalMs: 5 });
    await waitFor(() => fake.openResponses() === 0);
    const before = fake.abortedResponses();
    const controller = new AbortController();
    const stream = await ai.models.generateContentStream({ model: 'gemini-endless', contents, config: { abortSignal: controller.signal } });
    let received = 0;
    const failure = (async () => {
      for await (const chunk of stream) {
        expect(chunk.text).toBe('more ');
        if (++received === 3) controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(await failure).toBeInstanceOf(Error);
    await waitFor(() => fake.abortedResponses() === before + 1 && fake.openResponses() === 0);
    expect(received).toBe(3);
  });
});
