import { from, lastValueFrom, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { SseEvent } from '../../streams/sse-event.js';
import { canonicalToGeminiEvents } from './canonical-to-gemini-events.js';

const encode = (chunks: CanonicalChunk[]): Promise<SseEvent[]> =>
  lastValueFrom(from(chunks).pipe(canonicalToGeminiEvents({ model: 'gemini-x', responseId: 'r1' }), toArray()));
const partsOf = (event: SseEvent): unknown => (JSON.parse(event.data) as { candidates: { content: { parts: unknown } }[] }).candidates[0].content.parts;

describe('canonicalToGeminiEvents', () => {
  it('should emit data-only GenerateContentResponse events for text, reasoning and signatures', async () => {
    const events = await encode([
      { type: 'response-metadata', id: 'upstream', modelId: 'other' },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'think' },
      { type: 'reasoning-end', id: 'r', providerMetadata: { gemini: { thoughtSignature: 'rs' } } },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: '' },
      { type: 'text-delta', id: 't', delta: 'Hi' },
      { type: 'text-end', id: 't', providerMetadata: { anthropic: { signature: 'not gemini' } } },
      { type: 'usage', usage: { inputTokens: 2 } },
      { type: 'finish', finishReason: { unified: 'length', raw: 'length' }, usage: { outputTokens: 5, reasoningTokens: 1 } },
    ]);
    expect(events.every((event) => event.event === undefined)).toBe(true);
    expect(events.map(partsOf)).toEqual([
      [{ text: 'think', thought: true }],
      [{ text: '', thought: true, thoughtSignature: 'rs' }],
      [{ text: 'Hi' }],
      [{ text: '' }],
    ]);
    expect(JSON.parse(events[3].data)).toEqual({
      candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, index: 0, finishReason: 'MAX_TOKENS' }],
      usageMetadata: { promptTokenCount: 2, candidatesTokenCount: 4, totalTokenCount: 7, thoughtsTokenCount: 1 },
      modelVersion: 'gemini-x',
      responseId: 'r1',
    });
  });

  it('should emit one whole functionCall per tool call, without a generated id', async () => {
    const events = await encode([
      { type: 'tool-input-start', id: 'c1', toolName: 'f', providerMetadata: { gemini: { thoughtSignature: 's', generatedId: true } } },
      { type: 'tool-input-delta', id: 'c1', delta: '{"a":' },
      { type: 'tool-input-delta', id: 'c1', delta: '1}' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: '{"a":1}' },
      { type: 'tool-call', toolCallId: 'c2', toolName: 'g', input: '' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage: {} },
    ]);
    expect(events.map(partsOf).slice(0, 2)).toEqual([
      [{ functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 's' }],
      [{ functionCall: { name: 'g', args: {}, id: 'c2' } }],
    ]);
    expect((JSON.parse(events[2].data) as { candidates: { finishReason: string }[] }).candidates[0].finishReason).toBe('STOP');
  });

  it('should pass a raw Gemini finish reason through and map content-filter to SAFETY', async () => {
    const reasonOf = async (finishReason: { unified: 'content-filter'; raw: string | undefined }) => {
      const events = await encode([{ type: 'finish', finishReason, usage: {} }]);
      return (JSON.parse(events[0].data) as { candidates: { finishReason: string }[] }).candidates[0].finishReason;
    };
    expect(await reasonOf({ unified: 'content-filter', raw: 'RECITATION' })).toBe('RECITATION');
    expect(await reasonOf({ unified: 'content-filter', raw: 'refusal' })).toBe('SAFETY');
  });

  it('should render an error chunk as a Gemini error event and complete', async () => {
    const events = await encode([
      { type: 'text-start', id: 't' },
      { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 529, message: 'Overloaded' } },
      { type: 'text-delta', id: 't', delta: 'never sent' },
    ]);
    expect(events).toEqual([{ data: '{"error":{"code":503,"message":"Overloaded","status":"UNAVAILABLE"}}' }]);
  });

  it('should unsubscribe from the source after finish', () => {
    const source = new Subject<CanonicalChunk>();
    let completed = false;
    source.pipe(canonicalToGeminiEvents({ model: 'm', responseId: 'r' })).subscribe({ complete: () => (completed = true) });
    source.next({ type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage: {} });
    expect(completed).toBe(true);
    expect(source.observed).toBe(false);
  });

  it('should unsubscribe from the source when the consumer unsubscribes', () => {
    const source = new Subject<CanonicalChunk>();
    const subscription = source.pipe(canonicalToGeminiEvents({ model: 'm', responseId: 'r' })).subscribe();
    subscription.unsubscribe();
    expect(source.observed).toBe(false);
  });
});
