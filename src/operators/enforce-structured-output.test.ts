import { from } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import type { CanonicalResponseFormat } from '../streams/canonical-request.js';
import { enforceStructuredOutput, type EnforceStructuredOutputOptions } from './enforce-structured-output.js';

const schema: CanonicalResponseFormat = {
  type: 'json_schema',
  name: 'weather',
  schema: { type: 'object', properties: { city: { type: 'string' }, temp: { type: 'number' } }, required: ['city', 'temp'], additionalProperties: false },
  strict: true,
};
const stop: CanonicalChunk = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { outputTokens: 3 } };

function textStream(deltas: readonly string[], finish: CanonicalChunk = stop): CanonicalChunk[] {
  return [
    { type: 'text-start', id: 't' },
    ...deltas.map((delta): CanonicalChunk => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    finish,
  ];
}

function run(chunks: readonly CanonicalChunk[], options: Partial<EnforceStructuredOutputOptions> = {}): CanonicalChunk[] {
  const output: CanonicalChunk[] = [];
  from(chunks).pipe(enforceStructuredOutput({ format: schema, ...options })).subscribe((chunk) => output.push(chunk));
  assertChunkContract(output);
  return output;
}

describe('enforceStructuredOutput', () => {
  it('should pass valid output through untouched', () => {
    const chunks = textStream(['{"city":', '"Paris","temp":21}']);
    expect(run(chunks)).toEqual(chunks);
  });

  it('should attach the repaired text to text-end and keep the deltas as they came', () => {
    const repairs: string[] = [];
    const chunks = textStream(['{"city":"Paris",', '"temp":21,}']);
    const output = run(chunks, { onRepair: (info) => repairs.push(info.repaired) });
    expect(output.slice(0, 3)).toEqual(chunks.slice(0, 3));
    expect(output[3]).toEqual({ type: 'text-end', id: 't', providerMetadata: { structuredOutput: { repaired: true, repairedText: '{"city":"Paris","temp":21}' } } });
    expect(output[4]).toEqual(stop);
    expect(repairs).toEqual(['{"city":"Paris","temp":21}']);
  });

  it('should repair single quotes, missing brackets and markdown fences', () => {
    for (const text of ["{'city': 'Oslo', 'temp': 3}", '{"city":"Oslo","temp":3', '```json\n{"city":"Oslo","temp":3}\n```']) {
      const end = run(textStream([text]))[2];
      const repaired = end.type === 'text-end' ? end.providerMetadata?.structuredOutput?.repairedText : undefined;
      expect(JSON.parse(String(repaired))).toEqual({ city: 'Oslo', temp: 3 });
    }
  });

  it('should turn the finish into an error finish with the reason when the output cannot be repaired', () => {
    const failures: string[] = [];
    const output = run(textStream(['Sorry, I cannot ', 'answer in JSON.']), { onFailure: (info) => failures.push(info.error) });
    const finish = output.at(-1);
    expect(finish?.type === 'finish' && finish.finishReason).toEqual({ unified: 'error', raw: 'structured_output_invalid' });
    expect(finish?.type === 'finish' && finish.usage).toEqual({ outputTokens: 3 });
    expect(String(finish?.type === 'finish' && finish.providerMetadata?.structuredOutput?.error)).toMatch(/does not match the schema/);
    expect(failures).toHaveLength(1);
  });

  it('should fail JSON that parses but breaks the schema, naming the field', () => {
    const finish = run(textStream(['{"city":"Paris","temp":"warm"}'])).at(-1);
    expect(String(finish?.type === 'finish' && finish.providerMetadata?.structuredOutput?.error)).toContain('$/temp must be number');
  });

  it('should end with an in-band error instead when invalidAs is error', () => {
    const output = run(textStream(['not json']), { invalidAs: 'error' });
    expect(output.at(-1)).toMatchObject({ type: 'error', error: { code: 'GW_ERR_UPSTREAM_PROTOCOL', statusCode: 502, upstreamCode: 'structured_output_invalid' } });
  });

  it('should require an object for json_object and accept any object', () => {
    expect(run(textStream(['{"any":[1,2]}']), { format: { type: 'json_object' } })).toEqual(textStream(['{"any":[1,2]}']));
    const finish = run(textStream(['[1,2]']), { format: { type: 'json_object' } }).at(-1);
    expect(finish?.type === 'finish' && finish.finishReason.unified).toBe('error');
  });

  it('should fail a response that has no text at all', () => {
    const finish = run([stop]).at(-1);
    expect(finish?.type === 'finish' && finish.finishReason.raw).toBe('structured_output_invalid');
  });

  it('should leave tool-call turns, filtered and failed responses alone', () => {
    const toolTurn: CanonicalChunk[] = [
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Let me look that up.' },
      { type: 'text-end', id: 't' },
      { type: 'tool-call', toolCallId: 'c', toolName: 'get_weather', input: '{}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: {} },
    ];
    expect(run(toolTurn)).toEqual(toolTurn);
    const filtered = textStream(['nope'], { type: 'finish', finishReason: { unified: 'content-filter', raw: 'content_filter' }, usage: {} });
    expect(run(filtered)).toEqual(filtered);
  });

  it('should pass everything through for the text format', () => {
    const chunks = textStream(['plain prose']);
    expect(run(chunks, { format: { type: 'text' } })).toEqual(chunks);
  });

  it('should validate each text block on its own', () => {
    const chunks: CanonicalChunk[] = [
      { type: 'text-start', id: 'a' },
      { type: 'text-start', id: 'b' },
      { type: 'text-delta', id: 'a', delta: '{"city":"A","temp":1}' },
      { type: 'text-delta', id: 'b', delta: '{"city":"B","temp":2,}' },
      { type: 'text-end', id: 'a' },
      { type: 'text-end', id: 'b' },
      stop,
    ];
    const output = run(chunks);
    expect(output[4]).toEqual(chunks[4]);
    expect(output[5]).toMatchObject({ providerMetadata: { structuredOutput: { repairedText: '{"city":"B","temp":2}' } } });
    expect(output[6]).toEqual(stop);
  });

  describe('marbles', () => {
    const scheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const values: Record<string, CanonicalChunk> = {
      s: { type: 'text-start', id: 't' },
      a: { type: 'text-delta', id: 't', delta: "{'city':'Rome'," },
      b: { type: 'text-delta', id: 't', delta: "'temp':30}" },
      e: { type: 'text-end', id: 't' },
      f: stop,
    };

    it('should forward deltas as they come and repair at the block end', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold(' -s-a--b-e-f|', values);
        const expected = '    -s-a--b-r-f|';
        expectObservable(source.pipe(enforceStructuredOutput({ format: schema }))).toBe(expected, {
          ...values,
          r: { type: 'text-end', id: 't', providerMetadata: { structuredOutput: { repaired: true, repairedText: '{"city":"Rome","temp":30}' } } },
        });
        expectSubscriptions(source.subscriptions).toBe('^----------!');
      });
    });

    it('should pass a source error through', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold(' -s-a-#', values);
        expectObservable(source.pipe(enforceStructuredOutput({ format: schema }))).toBe('-s-a-#', values);
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('should unsubscribe from source when the subscriber unsubscribes', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold(' -s-a--b-e-f|', values);
        expectObservable(source.pipe(enforceStructuredOutput({ format: schema })), '^---!').toBe('-s-a-', values);
        expectSubscriptions(source.subscriptions).toBe('^---!');
      });
    });
  });
});
