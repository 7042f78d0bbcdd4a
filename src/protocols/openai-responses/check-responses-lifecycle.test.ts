import { describe, expect, it } from 'vitest';
import { readFixtureLines } from '../../../test/fixtures/read-fixture.js';
import { checkResponsesLifecycle, type ResponsesLifecycleEvent } from './check-responses-lifecycle.js';

const parse = (lines: readonly string[]): ResponsesLifecycleEvent[] => lines.map((line) => JSON.parse(line) as ResponsesLifecycleEvent);

/** The first response of a back-to-back recording: up to and including the first terminal event. */
function firstResponse(events: readonly ResponsesLifecycleEvent[]): ResponsesLifecycleEvent[] {
  const end = events.findIndex((event) => event.type === 'response.completed');
  return events.slice(0, end + 1);
}

const text: ResponsesLifecycleEvent[] = [
  { type: 'response.created', sequence_number: 0 },
  { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: { type: 'message' } },
  { type: 'response.content_part.added', sequence_number: 2, output_index: 0, content_index: 0 },
  { type: 'response.output_text.delta', sequence_number: 3, output_index: 0, content_index: 0 },
  { type: 'response.content_part.done', sequence_number: 4, output_index: 0, content_index: 0 },
  { type: 'response.output_item.done', sequence_number: 5, output_index: 0 },
  { type: 'response.completed', sequence_number: 6 },
];

/** Replaces event `index` and renumbers, so only the intended rule is broken. */
function renumber(events: readonly ResponsesLifecycleEvent[]): ResponsesLifecycleEvent[] {
  return events.map((event, index) => ({ ...event, sequence_number: index }));
}

describe('checkResponsesLifecycle', () => {
  it('should accept the recorded Azure text and tool-call streams', () => {
    expect(() => checkResponsesLifecycle(parse(readFixtureLines('openai-responses/azure-text.1.chunks.txt')))).not.toThrow();
    expect(() => checkResponsesLifecycle(parse(readFixtureLines('openai-responses/azure-tool-call.1.chunks.txt')))).not.toThrow();
  });

  it('should accept the first response of the recorded reasoning stream', () => {
    const events = parse(readFixtureLines('openai-responses/openai-reasoning-encrypted-content.1.chunks.txt'));
    expect(() => checkResponsesLifecycle(firstResponse(events))).not.toThrow();
  });

  it('should accept the recorded error stream (error event, then response.failed)', () => {
    expect(() => checkResponsesLifecycle(parse(readFixtureLines('openai-responses/openai-error.1.chunks.txt')))).not.toThrow();
  });

  it('should reject the whole back-to-back reasoning recording (events after the terminal)', () => {
    const events = parse(readFixtureLines('openai-responses/openai-reasoning-encrypted-content.1.chunks.txt'));
    expect(() => checkResponsesLifecycle(events)).toThrow(/terminal event is not last|sequence_number/);
  });

  it('should accept a minimal valid text stream', () => {
    expect(() => checkResponsesLifecycle(text)).not.toThrow();
  });

  it('should reject an empty stream and a stream not starting with response.created', () => {
    expect(() => checkResponsesLifecycle([])).toThrow(/no events/);
    expect(() => checkResponsesLifecycle(renumber(text.slice(1)))).toThrow(/not response.created/);
  });

  it('should reject sequence numbers that skip or do not start at 0', () => {
    expect(() => checkResponsesLifecycle(text.map((event, index) => ({ ...event, sequence_number: index + 1 })))).toThrow(/sequence_number 1, expected 0/);
    const skipped = text.map((event, index) => ({ ...event, sequence_number: index < 3 ? index : index + 1 }));
    expect(() => checkResponsesLifecycle(skipped)).toThrow(/sequence_number 4, expected 3/);
  });

  it('should reject an item added and never done', () => {
    expect(() => checkResponsesLifecycle(renumber([...text.slice(0, 5), text[6]]))).toThrow(/never done/);
  });

  it('should reject an item done twice', () => {
    expect(() => checkResponsesLifecycle(renumber([...text.slice(0, 6), text[5], text[6]]))).toThrow(/already done/);
  });

  it('should reject a delta for an output_index never added or a content part never added', () => {
    const wrongItem = renumber([...text.slice(0, 3), { ...text[3], output_index: 1 }, ...text.slice(4)]);
    expect(() => checkResponsesLifecycle(wrongItem)).toThrow(/output_index 1 was never added/);
    const wrongPart = renumber([...text.slice(0, 3), { ...text[3], content_index: 1 }, ...text.slice(4)]);
    expect(() => checkResponsesLifecycle(wrongPart)).toThrow(/content part 1 of output_index 0 was never added/);
  });

  it('should reject a delta after its part or its item is done', () => {
    const afterPart = renumber([...text.slice(0, 5), text[3], ...text.slice(5)]);
    expect(() => checkResponsesLifecycle(afterPart)).toThrow(/already done/);
    const afterItem = renumber([...text.slice(0, 6), text[3], text[6]]);
    expect(() => checkResponsesLifecycle(afterItem)).toThrow(/already done/);
  });

  it('should reject an arguments delta after arguments.done', () => {
    const events = renumber([
      { type: 'response.created', sequence_number: 0 },
      { type: 'response.output_item.added', sequence_number: 0, output_index: 0, item: { type: 'function_call' } },
      { type: 'response.function_call_arguments.done', sequence_number: 0, output_index: 0 },
      { type: 'response.function_call_arguments.delta', sequence_number: 0, output_index: 0 },
      { type: 'response.output_item.done', sequence_number: 0, output_index: 0 },
      { type: 'response.completed', sequence_number: 0 },
    ]);
    expect(() => checkResponsesLifecycle(events)).toThrow(/arguments already done/);
  });

  it('should reject a terminal event that is missing or not last', () => {
    expect(() => checkResponsesLifecycle(text.slice(0, 6))).toThrow(/missing terminal/);
    expect(() => checkResponsesLifecycle(renumber([...text, { type: 'response.in_progress', sequence_number: 0 }]))).toThrow(/not last/);
  });

  it('should reject output indices that are not sequential', () => {
    const events = renumber([text[0], { ...text[1], output_index: 1 }, text[6]]);
    expect(() => checkResponsesLifecycle(events)).toThrow(/output_index 1, expected 0/);
  });
});
