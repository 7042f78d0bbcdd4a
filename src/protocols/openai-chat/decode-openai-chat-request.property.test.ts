import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../../test/split-bytes.js';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';
import { encodeOpenAIChatRequest } from './encode-openai-chat-request.js';

const text = fc.string({ maxLength: 20 });
const id = fc.stringMatching(/^call_[a-z0-9]{1,6}$/);
const args = fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }).map((value) => JSON.stringify(value));
const textPart = text.map((value) => ({ type: 'text', text: value }));
const imagePart = fc.oneof(
  fc.base64String({ minLength: 4, maxLength: 12 }).map((data) => ({ type: 'image_url', image_url: { url: `data:image/png;base64,${data}` } })),
  fc.webUrl().map((url) => ({ type: 'image_url', image_url: { url, detail: 'low' } })),
);

const message = fc.oneof(
  fc.record({ role: fc.constantFrom('system', 'developer'), content: fc.oneof(text, fc.array(textPart, { minLength: 1, maxLength: 1 })) }),
  fc.record({ role: fc.constant('user'), content: fc.oneof(text, fc.array(fc.oneof(textPart, imagePart), { minLength: 1, maxLength: 3 })) }, { requiredKeys: ['role', 'content'] }),
  fc.record({ role: fc.constant('user'), content: text, name: fc.string({ minLength: 1, maxLength: 5 }) }),
  fc.record({
    role: fc.constant('assistant'),
    content: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: null }),
    reasoning_content: fc.string({ minLength: 1, maxLength: 10 }),
    tool_calls: fc.array(fc.record({ id, type: fc.constant('function'), function: fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), arguments: args }) }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ role: fc.constant('tool'), tool_call_id: id, content: fc.oneof(text, fc.array(textPart, { minLength: 1, maxLength: 2 })) }),
);

const request = fc.record(
  {
    model: fc.string({ minLength: 1, maxLength: 10 }),
    messages: fc.array(message, { minLength: 1, maxLength: 6 }),
    max_tokens: fc.nat(),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    stop: fc.oneof(text, fc.array(text, { maxLength: 3 })),
    stream: fc.boolean(),
    reasoning_effort: fc.constantFrom('low', 'medium', 'high', 'unheard-of'),
    tools: fc.array(fc.record({ type: fc.constant('function'), function: fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), parameters: fc.constant({ type: 'object' }) }) }), { maxLength: 2 }),
    tool_choice: fc.constantFrom('auto', 'none', 'required'),
    presence_penalty: fc.double({ min: -2, max: 2, noNaN: true }),
    vendor_extension: fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
  },
  { requiredKeys: ['model', 'messages'] },
);

describe('decodeOpenAIChatRequest / encodeOpenAIChatRequest (round trip)', () => {
  it('should decode the re-encoded request to the same canonical request', () => {
    fc.assert(
      fc.property(request, (wire) => {
        // A streamed upstream call always asks for usage; the client's choice travels as includeUsage.
        // Through JSON first: the wire is JSON text (so no -0, no undefined members).
        const body: unknown = JSON.parse(JSON.stringify(wire.stream === true ? { ...wire, stream_options: { include_usage: true } } : wire));
        const first = decodeOpenAIChatRequest(body).value;
        const encoded = encodeOpenAIChatRequest(first, { model: first.model, stream: first.stream });
        expect(decodeOpenAIChatRequest(JSON.parse(JSON.stringify(encoded))).value).toEqual(first);
      }),
      { numRuns },
    );
  });
});
