import { lastValueFrom, of, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import type { CanonicalChunk, ChunkOf } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { decodeGeminiBody } from './decode-gemini-body.js';
import { decodeGeminiRequest } from './decode-gemini-request.js';
import { readGeminiUpstreamError } from './gemini-error.js';
import { geminiEventsToCanonical } from './gemini-events-to-canonical.js';
import { decodeGeminiSse, frameGeminiSse, geminiFixtureNames, readGeminiExchanges, sequentialIds } from './gemini-fixture-replay.js';

const decodeFixture = async (name: string, exchange = 0): Promise<CanonicalChunk[]> =>
  decodeGeminiSse([frameGeminiSse(readGeminiExchanges(name)[exchange].events)]);
const ofType = <T extends CanonicalChunk['type']>(chunks: CanonicalChunk[], type: T): ChunkOf<T>[] =>
  chunks.filter((chunk): chunk is ChunkOf<T> => chunk.type === type);
const finishOf = (chunks: CanonicalChunk[]): ChunkOf<'finish'> => {
  const last = chunks[chunks.length - 1];
  if (last.type !== 'finish') throw new Error(`expected finish, got ${last.type}`);
  return last;
};
const textOf = (chunks: CanonicalChunk[]): string => ofType(chunks, 'text-delta').map((chunk) => chunk.delta).join('');
const argsOf = (chunks: CanonicalChunk[]): unknown[] => ofType(chunks, 'tool-call').map((chunk) => JSON.parse(chunk.input) as unknown);
const decodeEvents = (events: readonly string[]): Promise<CanonicalChunk[]> =>
  lastValueFrom(of(...events.map((data): SseEvent => ({ data }))).pipe(geminiEventsToCanonical({ generateId: sequentialIds() }), toArray()));

describe('geminiEventsToCanonical', () => {
  describe('every recorded fixture', () => {
    for (const name of geminiFixtureNames()) {
      it(`should replay ${name} within the chunk contract`, async () => {
        for (const exchange of readGeminiExchanges(name)) {
          if (exchange.statusCode >= 400) {
            const error = readGeminiUpstreamError(exchange.statusCode, exchange.events[0]);
            expect(error.code).toBe('GW_ERR_UPSTREAM_HTTP');
            expect(error.statusCode).toBe(exchange.statusCode);
            continue;
          }
          if (exchange.requestBody !== undefined) {
            const { value } = decodeGeminiRequest(exchange.requestBody, { model: 'models/gemini-2.5-flash', generateId: sequentialIds() });
            expect(value.messages.length).toBeGreaterThan(0);
          }
          const isBody = name.endsWith('.json') && exchange.requestBody === undefined;
          if (name === 'google-429-retry-info.json') {
            expect(readGeminiUpstreamError(429, exchange.events[0]).info.retryAfterSeconds).toBe(34.4);
            continue;
          }
          const chunks = isBody ? decodeGeminiBody(JSON.parse(exchange.events[0]), { generateId: sequentialIds() }) : await decodeGeminiSse([frameGeminiSse(exchange.events)]);
          assertChunkContract(chunks, { requireTerminal: true });
          expect(['finish', 'error']).toContain(chunks[chunks.length - 1].type);
        }
      });
    }
  });

  it('should stream text and keep the trailing signature-only part on the text block (google-text)', async () => {
    const chunks = await decodeFixture('google-text.chunks.txt');
    expect(textOf(chunks)).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    expect(ofType(chunks, 'text-delta').every((chunk) => chunk.delta.length > 0)).toBe(true);
    const end = ofType(chunks, 'text-end')[0];
    expect(end.providerMetadata?.gemini?.thoughtSignature).toMatch(/^EqsFCqgF/);
    expect(ofType(chunks, 'response-metadata')[0]).toMatchObject({ id: 'bH6LaZW8Fp_3nsEPqtaSwQ4', modelId: 'gemini-3-pro-preview' });
    const finish = finishOf(chunks);
    expect(finish.finishReason).toEqual({ unified: 'stop', raw: 'STOP' });
    expect(finish.usage).toMatchObject({ inputTokens: 9, outputTokens: 23 + 185, reasoningTokens: 185, totalTokens: 217 });
  });

  it('should turn STOP after a whole functionCall into tool-calls with its signature (google-tool-call)', async () => {
    const chunks = await decodeFixture('google-tool-call.chunks.txt');
    const call = ofType(chunks, 'tool-call')[0];
    expect(call.toolName).toBe('weather');
    expect(JSON.parse(call.input)).toEqual({ location: 'San Francisco' });
    expect(call.providerMetadata?.gemini?.thoughtSignature).toMatch(/^EqUCCqIC/);
    expect(ofType(chunks, 'tool-input-delta')).toHaveLength(1);
    expect(finishOf(chunks).finishReason).toEqual({ unified: 'tool-calls', raw: 'STOP' });
    expect(ofType(chunks, 'text-start')).toHaveLength(0);
  });

  it('should rebuild two parallel partialArgs calls, the signature only on the first', async () => {
    const chunks = await decodeFixture('google-stream-tool-call-arguments.chunks.txt');
    expect(argsOf(chunks)).toEqual([{ location: 'Boston' }, { location: 'San Francisco' }]);
    const calls = ofType(chunks, 'tool-call');
    expect(calls[0].providerMetadata?.gemini?.thoughtSignature).toBeDefined();
    expect(calls[1].providerMetadata?.gemini?.thoughtSignature).toBeUndefined();
    expect(new Set(calls.map((call) => call.toolCallId)).size).toBe(2);
    expect(finishOf(chunks).usage).toMatchObject({ inputTokens: 26, outputTokens: 23 + 132, totalTokens: 181 });
  });

  it('should rebuild nested partialArgs paths, appending string pieces for one path', async () => {
    const chunks = await decodeFixture('google-vertex-stream-tool-call-arguments-nested.1.chunks.txt');
    const [args] = argsOf(chunks) as [{ recipe: { name: string; ingredients: { amount: string; name: string }[]; steps: string[] } }];
    expect(args.recipe.name).toBe('Lasagna');
    expect(args.recipe.ingredients).toHaveLength(10);
    expect(args.recipe.ingredients[3]).toEqual({ amount: '3 cups', name: 'Mozzarella cheese' });
    expect(args.recipe.steps[0]).toBe('Preheat oven to 375°F (190°C).');
    expect(args.recipe.steps[4]).toBe('In a 9x13 baking dish, spread a thin layer of meat sauce.');
    expect(args.recipe.steps).toHaveLength(10);
  });

  it('should close a partialArgs call that has no empty functionCall terminator', async () => {
    const chunks = await decodeFixture('google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt');
    expect(argsOf(chunks)).toEqual([
      {
        operations: [
          { action: 'add', description: 'Fresh red apple', itemid: 'apple_001', price: 0.5 },
          { action: 'add', description: 'Ripe yellow banana', itemid: 'banana_001', price: 0.3 },
        ],
      },
    ]);
    expect(finishOf(chunks).finishReason.unified).toBe('tool-calls');
  });

  it('should decode a thought part, a no-args call and three streamed calls in order', async () => {
    const chunks = await decodeFixture('google-stream-no-args-tool-call.chunks.txt');
    expect(ofType(chunks, 'reasoning-delta')[0].delta).toMatch(/^\*\*Processing User Requests/);
    expect(ofType(chunks, 'tool-call').map((call) => call.toolName)).toEqual(['read_theme', 'read_screen', 'read_screen', 'read_screen']);
    expect(argsOf(chunks)).toEqual([{}, { id: 'A' }, { id: 'B' }, { id: 'C' }]);
    const reasoningEnd = chunks.findIndex((chunk) => chunk.type === 'reasoning-end');
    expect(reasoningEnd).toBeLessThan(chunks.findIndex((chunk) => chunk.type === 'tool-input-start'));
  });

  it('should rebuild the Vertex recording and take usage from the last event', async () => {
    const name = 'Client_Tests_generateContentStream_partial_function_calling_Vertex_AI_should_stream_generate_content_enabled_streamFunctionCallArguments.json';
    const chunks = await decodeFixture(name);
    expect(argsOf(chunks)).toEqual([{ country: 'USA', location: 'NewYorkCity', purpose: 'to know what to wear today', unit: 'C' }]);
    expect(finishOf(chunks).usage).toMatchObject({ inputTokens: 36, outputTokens: 126, reasoningTokens: 93, totalTokens: 162 });
  });

  it('should take the last usage report, never a sum (text stream with a changed prompt count)', async () => {
    const chunks = await decodeFixture('Chats_Tests_sendMessage_Google_AI_with_text_stream.json');
    expect(finishOf(chunks).usage).toMatchObject({ inputTokens: 6, outputTokens: 377, totalTokens: 383 });
  });

  it('should map MAX_TOKENS to length', async () => {
    const chunks = await decodeFixture('Client_Tests_generateContentStream_ML_Dev_should_stream_generate_content_with_specified_parameters.json');
    expect(finishOf(chunks).finishReason).toEqual({ unified: 'length', raw: 'MAX_TOKENS' });
  });

  it('should give ids to calls without one and keep ids Gemini sent', async () => {
    const chunks = await decodeEvents([
      JSON.stringify({ candidates: [{ content: { parts: [{ functionCall: { name: 'a', args: {}, id: '' } }, { functionCall: { name: 'b', args: { x: 1 }, id: 'fc-7' } }] }, finishReason: 'STOP' }] }),
    ]);
    const calls = ofType(chunks, 'tool-call');
    expect(calls[0].toolCallId).toBe('call_0');
    expect(calls[0].providerMetadata?.gemini?.generatedId).toBe(true);
    expect(calls[1].toolCallId).toBe('fc-7');
    expect(calls[1].providerMetadata).toBeUndefined();
  });

  it('should put a signature with no open block on the finish chunk', async () => {
    const chunks = await decodeEvents([
      JSON.stringify({ candidates: [{ content: { parts: [{ functionCall: { name: 'a', args: {} } }] } }] }),
      JSON.stringify({ candidates: [{ content: { parts: [{ text: '', thoughtSignature: 'sig-1' }] }, finishReason: 'STOP' }] }),
    ]);
    assertChunkContract(chunks, { requireTerminal: true });
    expect(finishOf(chunks).providerMetadata).toEqual({ gemini: { thoughtSignature: 'sig-1' } });
    expect(ofType(chunks, 'text-start')).toHaveLength(0);
  });

  it('should split reasoning and text into separate blocks', async () => {
    const chunks = await decodeEvents([
      JSON.stringify({ candidates: [{ content: { parts: [{ text: 'think', thought: true }, { text: 'answer' }] }, finishReason: 'STOP' }] }),
    ]);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['reasoning-start', 'reasoning-delta', 'reasoning-end', 'text-start', 'text-delta', 'text-end', 'finish']);
  });

  it('should finish with content-filter when the prompt is blocked', async () => {
    const chunks = await decodeEvents([JSON.stringify({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 } })]);
    expect(finishOf(chunks).finishReason).toEqual({ unified: 'content-filter', raw: 'SAFETY' });
    expect(finishOf(chunks).usage.inputTokens).toBe(4);
  });

  it('should finish with other when the stream ends without a finishReason', async () => {
    const chunks = await decodeEvents([JSON.stringify({ candidates: [{ content: { parts: [{ text: 'cut' }] } }] })]);
    assertChunkContract(chunks, { requireTerminal: true });
    expect(finishOf(chunks).finishReason).toEqual({ unified: 'other', raw: undefined });
  });

  it('should pin content-filter and error finish reasons', async () => {
    const reasons = async (raw: string) =>
      finishOf(await decodeEvents([JSON.stringify({ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: raw }] })])).finishReason.unified;
    expect(await reasons('RECITATION')).toBe('content-filter');
    expect(await reasons('PROHIBITED_CONTENT')).toBe('content-filter');
    expect(await reasons('MALFORMED_FUNCTION_CALL')).toBe('error');
    expect(await reasons('OTHER')).toBe('other');
  });

  it('should turn an in-band error into an error chunk after closing open blocks, then complete', async () => {
    const chunks = await decodeEvents([
      JSON.stringify({ candidates: [{ content: { parts: [{ text: 'partial' }] } }] }),
      JSON.stringify({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }),
      JSON.stringify({ candidates: [{ content: { parts: [{ text: 'ignored' }] } }] }),
    ]);
    assertChunkContract(chunks, { requireTerminal: true });
    expect(chunks.map((chunk) => chunk.type)).toEqual(['text-start', 'text-delta', 'text-end', 'error']);
    expect(chunks[3]).toMatchObject({ error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 503, upstreamType: 'UNAVAILABLE', message: 'overloaded' } });
  });

  it('should end with a protocol error on data that is not JSON', async () => {
    const chunks = await decodeEvents(['not json']);
    expect(chunks).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'GW_ERR_UPSTREAM_PROTOCOL' }) as unknown }]);
  });

  it('should unsubscribe from the source when the consumer unsubscribes', () => {
    const source = new Subject<SseEvent>();
    const received: CanonicalChunk[] = [];
    const subscription = source.pipe(geminiEventsToCanonical({ generateId: sequentialIds() })).subscribe((chunk) => received.push(chunk));
    source.next({ data: JSON.stringify({ candidates: [{ content: { parts: [{ text: 'a' }] } }] }) });
    subscription.unsubscribe();
    expect(source.observed).toBe(false);
    expect(received.map((chunk) => chunk.type)).toEqual(['text-start', 'text-delta']);
  });

  it('should unsubscribe from the source after an in-band error', () => {
    const source = new Subject<SseEvent>();
    source.pipe(geminiEventsToCanonical({ generateId: sequentialIds() })).subscribe();
    source.next({ data: JSON.stringify({ error: { code: 500, message: 'boom' } }) });
    expect(source.observed).toBe(false);
  });
});
