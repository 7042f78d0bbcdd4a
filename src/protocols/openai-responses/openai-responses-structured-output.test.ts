import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { reduceChunkArray } from '../../streams/reduce-chunks.js';
import { canonicalToOpenAIResponsesEvents } from './canonical-to-openai-responses-events.js';
import { checkResponsesLifecycle, type ResponsesLifecycleEvent } from './check-responses-lifecycle.js';
import { encodeOpenAIResponsesBody } from './encode-openai-responses-body.js';
import { openAIResponsesFailure, readRepairedText } from './openai-responses-structured-output.js';

const repairedEnd: CanonicalChunk = { type: 'text-end', id: 't', providerMetadata: { structuredOutput: { repaired: true, repairedText: '{"a":1}' } } };
const repaired: CanonicalChunk[] = [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: "{'a':1," },
  repairedEnd,
  { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} },
];
const invalid: CanonicalChunk[] = [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'prose' },
  { type: 'text-end', id: 't' },
  { type: 'finish', finishReason: { unified: 'error', raw: 'structured_output_invalid' }, usage: {}, providerMetadata: { structuredOutput: { error: 'not JSON' } } },
];
const context = { generateId: (prefix: string) => `${prefix}1`, now: () => 0 };

interface Event extends ResponsesLifecycleEvent {
  readonly text?: string;
  readonly part?: { readonly text: string };
  readonly item?: { readonly content?: readonly { readonly text: string }[] };
  readonly response?: { readonly status: string; readonly error: unknown; readonly output: readonly { readonly content?: readonly { readonly text: string }[] }[] };
}

async function encode(chunks: readonly CanonicalChunk[]): Promise<Event[]> {
  const events = await lastValueFrom(
    from(chunks).pipe(canonicalToOpenAIResponsesEvents({ responseId: 'resp_1', model: 'm', createdAt: 0, generateId: context.generateId }), toArray()),
  );
  const parsed = events.map((event) => JSON.parse(event.data) as Event);
  checkResponsesLifecycle(parsed);
  return parsed;
}

describe('readRepairedText', () => {
  it('should read the repaired text and ignore anything else', () => {
    expect(readRepairedText({ structuredOutput: { repairedText: '{}' } })).toBe('{}');
    expect(readRepairedText({ structuredOutput: { repairedText: 3 } })).toBeUndefined();
    expect(readRepairedText(undefined)).toBeUndefined();
  });
});

describe('openAIResponsesFailure', () => {
  it('should name structured_output_invalid with its reason, and fall back to server_error', () => {
    expect(openAIResponsesFailure('structured_output_invalid', { structuredOutput: { error: 'why' } })).toEqual({ code: 'structured_output_invalid', message: 'why' });
    expect(openAIResponsesFailure('failed', undefined).code).toBe('server_error');
  });
});

describe('Responses encoders with a structured-output verdict', () => {
  it('should stream the deltas as they came and the repaired text in every .done and the final response', async () => {
    const events = await encode(repaired);
    expect(events.find((event) => event.type === 'response.output_text.delta')).toMatchObject({ delta: "{'a':1," });
    expect(events.find((event) => event.type === 'response.output_text.done')?.text).toBe('{"a":1}');
    expect(events.find((event) => event.type === 'response.content_part.done')?.part?.text).toBe('{"a":1}');
    expect(events.find((event) => event.type === 'response.output_item.done')?.item?.content?.[0]?.text).toBe('{"a":1}');
    const completed = events.at(-1);
    expect(completed?.type).toBe('response.completed');
    expect(completed?.response?.output[0]?.content?.[0]?.text).toBe('{"a":1}');
  });

  it('should end an unrepairable output with response.failed and structured_output_invalid', async () => {
    const last = (await encode(invalid)).at(-1);
    expect(last?.type).toBe('response.failed');
    expect(last?.response?.error).toEqual({ code: 'structured_output_invalid', message: 'not JSON' });
  });

  it('should put the repaired text in the body and fail the body of an unrepairable output', () => {
    expect(encodeOpenAIResponsesBody(reduceChunkArray(repaired), context).output_text).toBe('{"a":1}');
    const failed = encodeOpenAIResponsesBody(reduceChunkArray(invalid), context);
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({ code: 'structured_output_invalid', message: 'not JSON' });
  });
});
