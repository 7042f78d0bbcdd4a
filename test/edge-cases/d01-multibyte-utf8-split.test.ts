import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { from } from 'rxjs';
import { anthropicEventsToCanonical } from '../../src/protocols/anthropic/index.js';
import { geminiEventsToCanonical } from '../../src/protocols/gemini/index.js';
import { openaiChatEventsToCanonical } from '../../src/protocols/openai-chat/index.js';
import { parseJsonArrayStream } from '../../src/streams/parse-json-array-stream.js';
import { readFixtureLines } from '../fixtures/read-fixture.js';
import { cutPoints, numRuns, splitAt } from '../split-bytes.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { collect, counterIds, decodeSse, frame, openaiChunk, reduce, startRawServer, textOf, toolCallsOf, type RawServer } from './edge-helpers.js';

const rocket = '🚀'; // 4 bytes in UTF-8
const divide = '÷'; // 2 bytes

/** Every byte its own piece: each multi-byte character is cut at every inner boundary. */
function byteByByte(text: string): Uint8Array[] {
  return [...Buffer.from(text, 'utf8')].map((byte) => Uint8Array.of(byte));
}

const openaiBody = frame(
  [
    openaiChunk({ role: 'assistant', content: '' }),
    openaiChunk({ content: `Launch ${rocket} then 925 ${divide} 5 = 185 ` }),
    openaiChunk({ content: `日本語${rocket}` }),
    openaiChunk({ tool_calls: [{ index: 0, id: 'call_utf8', type: 'function', function: { name: 'note', arguments: '{"text":"' } }] }),
    openaiChunk({ tool_calls: [{ index: 0, function: { arguments: `${rocket}${divide}漢字"}` } }] }),
    openaiChunk({}, 'tool_calls'),
  ],
  'openai',
  { done: true },
);
const expectedText = `Launch ${rocket} then 925 ${divide} 5 = 185 日本語${rocket}`;

describe('D.1 Multi-byte UTF-8 split across TCP chunks', () => {
  it('should keep a 4-byte emoji and ÷ whole in text and tool arguments when every byte arrives alone (OpenAI decoder)', async () => {
    const response = reduce(await decodeSse(byteByByte(openaiBody), openaiChatEventsToCanonical()));
    expect(textOf(response)).toBe(expectedText);
    expect(toolCallsOf(response)).toEqual([{ id: 'call_utf8', name: 'note', args: { text: `${rocket}${divide}漢字` } }]);
    expect(JSON.stringify(response)).not.toContain('\uFFFD');
  });

  it('should decode the Anthropic thinking fixture (which holds ÷) identically wherever the bytes are cut', async () => {
    const body = frame(readFixtureLines('anthropic/anthropic-clear-thinking.1.chunks.txt'), 'anthropic');
    const bytes = Buffer.from(body, 'utf8');
    const whole = reduce(await decodeSse(body, anthropicEventsToCanonical()));
    const reasoning = whole.content.flatMap((part) => (part.type === 'reasoning' ? [part.text] : [])).join('');
    expect(reasoning).toContain(`925 ${divide} 5`);
    // Cut right inside the ÷ (its second byte) as well as at arbitrary points.
    const inside = bytes.indexOf(Buffer.from(divide)) + 1;
    await fc.assert(
      fc.asyncProperty(cutPoints, async (cuts) => {
        const split = reduce(await decodeSse(splitAt(bytes, [inside, ...cuts]), anthropicEventsToCanonical()));
        expect(split).toEqual(whole);
      }),
      { numRuns },
    );
  });

  it('should keep characters whole in a Gemini JSON-array stream fed byte by byte', async () => {
    const element = (text: string, last: boolean): string =>
      JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }] });
    const body = `[${element(`a${rocket}`, false)},\r\n${element(`${divide}b`, true)}]`;
    const chunks = await collect(from(byteByByte(body)).pipe(parseJsonArrayStream(), geminiEventsToCanonical({ generateId: counterIds() })));
    expect(textOf(reduce(chunks))).toBe(`a${rocket}${divide}b`);
  });

  describe('through the gateway, with an upstream that writes one byte per TCP packet', () => {
    let upstream: RawServer;
    let gateway: EdgeGateway;
    beforeAll(async () => {
      const pieces = [...Buffer.from(openaiBody, 'utf8')].map((byte) => Buffer.of(byte));
      upstream = await startRawServer((_body, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        let index = 0;
        const next = (): void => {
          if (response.destroyed) return;
          if (index >= pieces.length) {
            response.end();
            return;
          }
          // Only bytes of multi-byte characters are paced, so they cannot be rejoined in one packet.
          const byte = pieces[index++] as Buffer;
          response.write(byte);
          if ((byte[0] ?? 0) >= 0x80) setTimeout(next, 1);
          else next();
        };
        next();
      });
      gateway = await startEdgeGateway({ openai: upstream.url });
    });
    afterAll(async () => {
      await gateway.close();
      await upstream.close();
    });

    it('should deliver the text and tool arguments intact to an OpenAI SDK client', async () => {
      const stream = gateway.openai().chat.completions.stream({ model: 'openai:utf8', messages: [{ role: 'user', content: 'go' }] });
      const completion = await stream.finalChatCompletion();
      const message = completion.choices[0]?.message;
      expect(message?.content).toBe(expectedText);
      expect(upstream.requests.some((request) => request.method === 'POST')).toBe(true);
      const call = message?.tool_calls?.[0];
      expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toEqual({ text: `${rocket}${divide}漢字` });
    });

    it('should deliver the text intact to an Anthropic SDK client', async () => {
      const message = await gateway
        .anthropic()
        .messages.stream({ model: 'openai:utf8', max_tokens: 100, messages: [{ role: 'user', content: 'go' }] })
        .finalMessage();
      expect(message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('')).toBe(expectedText);
      const tool = message.content.find((block) => block.type === 'tool_use');
      expect(tool?.type === 'tool_use' ? tool.input : undefined).toEqual({ text: `${rocket}${divide}漢字` });
    });
  });
});
