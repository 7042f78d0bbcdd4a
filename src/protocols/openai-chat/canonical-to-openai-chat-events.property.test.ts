import fc from 'fast-check';
import { from, lastValueFrom, map, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { assertChunkContract } from '../../../test/assert-chunk-contract.js';
import { numRuns } from '../../../test/split-bytes.js';
import type { CanonicalChunk, FinishReasonUnified } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import { reduceChunkArray } from '../../streams/reduce-chunks.js';
import { serializeSse } from '../../streams/serialize-sse.js';
import { canonicalToOpenAIChatEvents } from './canonical-to-openai-chat-events.js';
import { openaiChatEventsToCanonical } from './openai-chat-events-to-canonical.js';

/** Splits `text` into pieces at the given points (the pieces join back to `text`). */
function splitText(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...points].map((start, index, all) => text.slice(start, all[index + 1] ?? text.length)).filter((piece) => piece !== '');
}

const pieces = fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }));
const toolCall = fc.record({
  name: fc.stringMatching(/^[a-z_]{1,10}$/),
  args: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), { maxKeys: 3 }),
  cuts: fc.array(fc.nat(), { maxLength: 4 }),
  streamed: fc.boolean(),
});

const response = fc.record({
  reasoning: fc.option(pieces, { nil: undefined }),
  text: fc.option(pieces, { nil: undefined }),
  tools: fc.array(toolCall, { maxLength: 3 }),
  finish: fc.constantFrom<FinishReasonUnified>('stop', 'length', 'content-filter', 'tool-calls'),
  usage: fc.record({ inputTokens: fc.nat(), outputTokens: fc.nat(), reasoningTokens: fc.nat(), cachedInputTokens: fc.nat() }),
});

type Generated = typeof response extends fc.Arbitrary<infer T> ? T : never;

function toChunks(generated: Generated): CanonicalChunk[] {
  const chunks: CanonicalChunk[] = [];
  if (generated.reasoning !== undefined) {
    chunks.push({ type: 'reasoning-start', id: 'r' });
    for (const delta of splitText(...generated.reasoning)) chunks.push({ type: 'reasoning-delta', id: 'r', delta });
    chunks.push({ type: 'reasoning-end', id: 'r' });
  }
  if (generated.text !== undefined) {
    chunks.push({ type: 'text-start', id: 't' });
    for (const delta of splitText(...generated.text)) chunks.push({ type: 'text-delta', id: 't', delta });
    chunks.push({ type: 'text-end', id: 't' });
  }
  generated.tools.forEach((tool, index) => {
    const id = `call_${index}`;
    const input = JSON.stringify(tool.args);
    if (tool.streamed) {
      chunks.push({ type: 'tool-input-start', id, toolName: tool.name });
      for (const delta of splitText(input, tool.cuts)) chunks.push({ type: 'tool-input-delta', id, delta });
      chunks.push({ type: 'tool-input-end', id });
    }
    chunks.push({ type: 'tool-call', toolCallId: id, toolName: tool.name, input });
  });
  chunks.push({ type: 'finish', finishReason: { unified: generated.finish, raw: undefined }, usage: generated.usage });
  return chunks;
}

describe('canonicalToOpenAIChatEvents → openaiChatEventsToCanonical (round trip)', () => {
  it('should preserve text, reasoning, tool calls, finish reason and usage', async () => {
    await fc.assert(
      fc.asyncProperty(response, async (generated) => {
        const wire = await lastValueFrom(
          from(toChunks(generated)).pipe(
            canonicalToOpenAIChatEvents({ id: 'chatcmpl-p', model: 'm', created: 1, includeUsage: true }),
            map(serializeSse),
            toArray(),
          ),
        );
        const decoded = await lastValueFrom(from(wire).pipe(parseSse(), openaiChatEventsToCanonical(), toArray()));
        assertChunkContract(decoded, { requireTerminal: true });
        const result = reduceChunkArray(decoded);
        const textOf = (type: 'text' | 'reasoning') =>
          result.content.map((part) => (part.type === type ? part.text : '')).join('');
        expect(textOf('reasoning')).toBe(generated.reasoning === undefined ? '' : generated.reasoning[0]);
        expect(textOf('text')).toBe(generated.text === undefined ? '' : generated.text[0]);
        expect(result.content.filter((part) => part.type === 'tool-call')).toEqual(
          generated.tools.map((tool, index) => ({ type: 'tool-call', toolCallId: `call_${index}`, toolName: tool.name, input: JSON.stringify(tool.args) })),
        );
        const expectedFinish = generated.tools.length > 0 && generated.finish === 'stop' ? 'tool-calls' : generated.finish;
        expect(result.finishReason.unified).toBe(expectedFinish);
        expect(result.usage).toMatchObject({ ...generated.usage, totalTokens: generated.usage.inputTokens + generated.usage.outputTokens });
      }),
      { numRuns },
    );
  });
});
