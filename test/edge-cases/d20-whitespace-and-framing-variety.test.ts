import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsToCanonical } from '../../src/protocols/anthropic/index.js';
import { geminiEventsToCanonical } from '../../src/protocols/gemini/index.js';
import { openaiChatEventsToCanonical } from '../../src/protocols/openai-chat/index.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import { readFixture, readFixtureLines } from '../fixtures/read-fixture.js';
import { cutPoints, numRuns, splitAt } from '../split-bytes.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { counterIds, decodeSse, frame, reduce, textOf } from './edge-helpers.js';

describe('D.20 Whitespace and framing variety upstream', () => {
  it.each(['anthropic/stream-b-fallback.sse', 'anthropic/stream-a-refusal.sse', 'anthropic/incomplete_partial_json_response.txt'])(
    'should read the Anthropic recording %s whose data lines are padded with spaces',
    async (fixture) => {
      const chunks = await decodeSse(readFixture(fixture), anthropicEventsToCanonical());
      assertChunkContract(chunks, { requireTerminal: true });
      expect(chunks.some((chunk) => chunk.type === 'error')).toBe(false);
      expect(chunks.some((chunk) => chunk.type === 'response-metadata')).toBe(true);
    },
  );

  it('should read trailing spaces after event names and data as the API pads them', async () => {
    const padded = frame(readFixtureLines('anthropic/anthropic-text.chunks.txt'), 'anthropic').replaceAll('\n', '   \n').replaceAll('   \n   \n', '   \n\n');
    const expected = reduce(await decodeSse(frame(readFixtureLines('anthropic/anthropic-text.chunks.txt'), 'anthropic'), anthropicEventsToCanonical()));
    expect(reduce(await decodeSse(padded, anthropicEventsToCanonical()))).toEqual(expected);
    expect(textOf(expected).length).toBeGreaterThan(0);
  });

  it('should read Gemini CRLF framing the same wherever the bytes are cut, including between CR and LF', async () => {
    const lf = frame(readFixtureLines('gemini/google-text.chunks.txt'), 'gemini');
    const crlf = Buffer.from(lf.replaceAll('\n', '\r\n'), 'utf8');
    const expected = reduce(await decodeSse(lf, geminiEventsToCanonical({ generateId: counterIds() })));
    await fc.assert(
      fc.asyncProperty(cutPoints, async (cuts) => {
        const betweenCrLf = crlf.indexOf('\r\n') + 1;
        expect(reduce(await decodeSse(splitAt(crlf, [betweenCrLf, ...cuts]), geminiEventsToCanonical({ generateId: counterIds() })))).toEqual(expected);
      }),
      { numRuns },
    );
  });

  it('should skip the Azure first chunk with empty choices, id and model, and ignore obfuscation fields', async () => {
    const azure = await decodeSse(frame(readFixtureLines('openai-chat/azure-model-router.1.chunks.txt'), 'openai', { done: true }), openaiChatEventsToCanonical());
    assertChunkContract(azure, { requireTerminal: true });
    const metadata = azure.find((chunk) => chunk.type === 'response-metadata');
    expect(metadata?.type === 'response-metadata' ? metadata.id : undefined).toMatch(/^chatcmpl-/);
    expect(textOf(reduce(azure)).length).toBeGreaterThan(0);
    const openai = reduce(await decodeSse(frame(readFixtureLines('openai-chat/openai-text.chunks.txt'), 'openai', { done: true }), openaiChatEventsToCanonical()));
    expect(textOf(openai)).not.toContain('obfuscation');
    expect(openai.finishReason.unified).toBe('stop');
  });

  describe('what the gateway emits is each protocol’s canonical framing', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('framing', { kind: 'text', text: 'Framed reply.', pieces: 3 });
    });
    afterAll(() => gateway.close());

    it('should write OpenAI streams as data-only LF events ending in [DONE]', async () => {
      const reply = await gateway.postOpenAI({ model: 'gemini:framing', stream: true, messages: [{ role: 'user', content: 'hi' }] });
      expect(reply.text).toMatch(/^(data: \{[^\n]*\}\n\n)+data: \[DONE\]\n\n$/);
    });

    it('should write Anthropic streams with an event: line equal to data.type on every event', async () => {
      const reply = await gateway.postAnthropic({ model: 'gemini:framing', max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'hi' }] });
      expect(reply.text).toMatch(/^(event: [a-z_]+\ndata: \{[^\n]*\}\n\n)+$/);
      for (const match of reply.text.matchAll(/event: ([a-z_]+)\ndata: (\{[^\n]*\})/g)) {
        expect((JSON.parse(match[2] ?? '{}') as { type: string }).type).toBe(match[1]);
      }
    });

    it('should write Gemini alt=sse streams as data-only events, each ending with a blank line', async () => {
      const reply = await gateway.postGemini('anthropic:framing', { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, 'streamGenerateContent', '?alt=sse');
      expect(reply.text).toMatch(/^(data: \{[^\n]*\}\r?\n\r?\n)+$/);
    });
  });
});
