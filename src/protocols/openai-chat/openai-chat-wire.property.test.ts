import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../../test/split-bytes.js';
import { openAIChatRequestCodec } from './openai-chat-wire.js';

/** A value that is right for its field most of the time, and anything JSON can hold otherwise. */
const mostly = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 12, arbitrary }, { weight: 1, arbitrary: fc.jsonValue() });
const optional = (arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.option(arbitrary, { nil: undefined });

const part = fc.oneof(
  fc.record({ type: mostly(fc.constant('text')), text: mostly(fc.string()) }),
  fc.record({ type: mostly(fc.constant('image_url')), image_url: mostly(fc.record({ url: mostly(fc.string()), detail: optional(fc.string()) })) }),
  fc.record({ type: fc.string(), data: fc.jsonValue() }),
);
const toolCall = fc.record({ id: mostly(fc.string()), type: mostly(fc.constant('function')), function: mostly(fc.record({ name: mostly(fc.string()), arguments: mostly(fc.string()) })) });
/** Messages shaped for their role (valid unless `mostly` slipped in something else), and anything. */
const message = fc.oneof(
  fc.record({ role: mostly(fc.constantFrom('system', 'developer')), content: mostly(fc.oneof(fc.string(), fc.array(part, { maxLength: 2 }))) }),
  fc.record({ role: fc.constant('user'), content: mostly(fc.oneof(fc.string(), fc.array(part, { maxLength: 3 }))), name: optional(fc.string()) }),
  fc.record(
    { role: fc.constant('assistant'), content: optional(mostly(fc.oneof(fc.string(), fc.constant(null), fc.array(part, { maxLength: 2 })))), tool_calls: optional(mostly(fc.array(toolCall, { maxLength: 2 }))), refusal: optional(fc.oneof(fc.string(), fc.constant(null))) },
    { requiredKeys: ['role'] },
  ),
  fc.record({ role: fc.constant('tool'), tool_call_id: mostly(fc.string()), content: mostly(fc.oneof(fc.string(), fc.array(part, { maxLength: 2 }))) }),
  fc.record({ role: fc.constant('function'), name: mostly(fc.string()), content: optional(fc.oneof(fc.string(), fc.constant(null))) }, { requiredKeys: ['role', 'name'] }),
  fc.record({ role: fc.string(), content: fc.jsonValue() }, { requiredKeys: [] }),
);
const tool = fc.record({ type: mostly(fc.constant('function')), function: mostly(fc.record({ name: mostly(fc.string()), description: optional(fc.string()), parameters: optional(fc.jsonValue()), strict: optional(mostly(fc.boolean())) }, { requiredKeys: ['name'] })) });
const request = fc.record(
  {
    model: mostly(fc.string()),
    messages: mostly(fc.array(message, { maxLength: 4 })),
    tools: optional(mostly(fc.array(tool, { maxLength: 2 }))),
    tool_choice: optional(mostly(fc.oneof(fc.constantFrom('auto', 'none', 'required'), fc.record({ type: fc.constant('function'), function: fc.record({ name: fc.string() }) })))),
    response_format: optional(mostly(fc.oneof(fc.record({ type: fc.constantFrom('text', 'json_object') }), fc.record({ type: fc.constant('json_schema'), json_schema: fc.record({ name: fc.string(), schema: fc.jsonValue() }) })))),
    max_tokens: optional(mostly(fc.integer())),
    temperature: optional(mostly(fc.double({ noNaN: true }))),
    stop: optional(mostly(fc.oneof(fc.string(), fc.array(fc.string())))),
    stream: optional(mostly(fc.boolean())),
    stream_options: optional(mostly(fc.record({ include_usage: mostly(fc.boolean()) }))),
    metadata: optional(mostly(fc.dictionary(fc.string(), mostly(fc.string())))),
    function_call: optional(mostly(fc.oneof(fc.constantFrom('none', 'auto'), fc.record({ name: fc.string() })))),
    extra_field: optional(fc.jsonValue()),
  },
  { requiredKeys: [] },
);

describe('openAIChatRequestCodec (property)', () => {
  it('should have an `is` that agrees with `decode`, and a `decode` that gives a valid body back as it is', () => {
    let valid = 0;
    fc.assert(
      fc.property(request, (body) => {
        const decoded = openAIChatRequestCodec.decode(body);
        expect(openAIChatRequestCodec.is(body)).toBe(isRight(decoded));
        if (isRight(decoded)) {
          valid += 1;
          expect(decoded.right).toBe(body);
        }
      }),
      { numRuns: numRuns * 5 },
    );
    // Both sides of the equivalence must be exercised.
    expect(valid).toBeGreaterThan(numRuns / 10);
  });
});
