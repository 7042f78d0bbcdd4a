import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsToCanonical } from '../../src/protocols/anthropic/index.js';
import { geminiEventsToCanonical } from '../../src/protocols/gemini/index.js';
import { openaiChatEventsToCanonical } from '../../src/protocols/openai-chat/index.js';
import { assertChunkContract } from '../assert-chunk-contract.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';
import { assertAnthropicWireOrder, counterIds, decodeSse, frame, openaiChunk, payloads, sseEvents } from './edge-helpers.js';

const backends = ['openai', 'anthropic', 'gemini'] as const;

describe('D.10 Errors after the stream has started', () => {
  it.each([
    ['Anthropic event: error', frame([
      { type: 'message_start', message: { id: 'm', type: 'message', role: 'assistant', model: 'c', content: [], usage: { input_tokens: 1, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Par' } },
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ], 'anthropic'), () => anthropicEventsToCanonical(), 529],
    ['OpenAI data: {"error":…}', frame([openaiChunk({ role: 'assistant', content: 'Par' }), { error: { message: 'Overloaded', type: 'server_error', code: 'overloaded' } }], 'openai'), () => openaiChatEventsToCanonical(), 502],
    ['Gemini data: {"error":…}', frame([
      { candidates: [{ content: { role: 'model', parts: [{ text: 'Par' }] }, index: 0 }] },
      { error: { code: 503, message: 'Overloaded', status: 'UNAVAILABLE' } },
    ], 'gemini'), () => geminiEventsToCanonical({ generateId: counterIds() }), 503],
  ] as const)('should decode an %s as open blocks closed, then an error chunk instead of a finish', async (_name, body, decoder, status) => {
    const chunks = await decodeSse(body, decoder());
    assertChunkContract(chunks, { requireTerminal: true });
    const last = chunks.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type === 'error') expect(last.error.statusCode).toBe(status);
    expect(chunks.some((chunk) => chunk.type === 'finish')).toBe(false);
    expect(chunks.filter((chunk) => chunk.type === 'text-end')).toHaveLength(1);
  });

  describe('through the gateway (each fake fails after sending some text)', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.fakes.openai.setScenario('fail', { kind: 'mid-stream-error', text: 'Partial answer here', error: { message: 'Upstream overloaded', type: 'server_error', code: 'overloaded' } });
      gateway.fakes.anthropic.setScenario('fail', { kind: 'mid-stream-error', text: 'Partial answer here', error: { type: 'overloaded_error', message: 'Upstream overloaded' } });
      gateway.setScenario('cut', { kind: 'disconnect', text: 'Partial answer here', afterPieces: 1 });
      gateway.fakes.gemini.setScenario('fail', { kind: 'mid-stream-error', text: 'Partial answer here', error: { code: 503, message: 'Upstream overloaded', status: 'UNAVAILABLE' } });
    });
    afterAll(() => gateway.close());

    describe.each(backends)('from the %s backend', (backend) => {
      const model = `${backend}:fail`;

      it('should end an OpenAI client stream with data: {"error":…} and no [DONE], and make the SDK throw', async () => {
        const reply = await gateway.postOpenAI({ model, stream: true, messages: [{ role: 'user', content: 'go' }] });
        expect(reply.status).toBe(200);
        const events = await sseEvents(reply.text);
        expect(events.some((event) => event.data === '[DONE]')).toBe(false);
        const last = payloads(events).at(-1);
        expect((last?.error as { message?: string } | undefined)?.message).toContain('Upstream overloaded');
        await expect(gateway.openai().chat.completions.stream({ model, messages: [{ role: 'user', content: 'go' }] }).finalChatCompletion()).rejects.toThrow(/Upstream overloaded/);
      });

      it('should not turn an upstream connection cut mid-stream into a successful truncated stream', async () => {
        const openai = await gateway.postOpenAI({ model: `${backend}:cut`, stream: true, messages: [{ role: 'user', content: 'go' }] });
        const events = await sseEvents(openai.text);
        expect(events.some((event) => event.data === '[DONE]')).toBe(false);
        expect(payloads(events).at(-1)?.error).toBeDefined();
        const anthropic = await gateway.postAnthropic({ model: `${backend}:cut`, max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'go' }] });
        expect((await sseEvents(anthropic.text)).at(-1)?.event).toBe('error');
      });

      it('should close the open block and end an Anthropic client stream with event: error, and make the SDK throw', async () => {
        const reply = await gateway.postAnthropic({ model, max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'go' }] });
        const events = await sseEvents(reply.text);
        assertAnthropicWireOrder(events);
        const last = events.at(-1);
        expect(last?.event).toBe('error');
        expect(JSON.parse(last?.data ?? '{}')).toEqual({ type: 'error', error: expect.objectContaining({ message: expect.stringContaining('Upstream overloaded') }) });
        expect(events.some((event) => event.event === 'message_stop')).toBe(false);
        await expect(
          gateway.anthropic().messages.stream({ model, max_tokens: 20, messages: [{ role: 'user', content: 'go' }] }).finalMessage(),
        ).rejects.toThrow(/Upstream overloaded/);
      });

      it('should end a Gemini client stream with data: {"error":{code,…}} that the SDK raises', async () => {
        const reply = await gateway.postGemini(model, { contents: [{ role: 'user', parts: [{ text: 'go' }] }] }, 'streamGenerateContent', '?alt=sse');
        const last = payloads(await sseEvents(reply.text)).at(-1) as { error?: { code: number; message: string } };
        expect(last.error?.code).toBeGreaterThanOrEqual(500);
        expect(last.error?.message).toContain('Upstream overloaded');
        const run = async (): Promise<string> => {
          let text = '';
          for await (const chunk of await gateway.gemini().models.generateContentStream({ model, contents: 'go' })) text += chunk.text ?? '';
          return text;
        };
        await expect(run()).rejects.toThrow(/Upstream overloaded/);
      });
    });
  });
});
