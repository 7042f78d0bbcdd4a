import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { nullish } from './nullish-codec.js';

/** A decode result with each error's context as keys and type names (the codecs are different objects). */
const described = (result: t.Validation<unknown>): unknown =>
  result._tag === 'Right' ? result : result.left.map((error) => ({ value: error.value, message: error.message, context: error.context.map((entry) => [entry.key, entry.type.name]) }));

describe('nullish (property)', () => {
  it('should answer is() and decode() exactly as t.union([codec, t.null, t.undefined]) does, name included', () => {
    const inner = t.type({ a: t.string, b: t.array(t.number) });
    const ours = nullish(inner, 'Named | null');
    const theirs = t.union([inner, t.null, t.undefined], 'Named | null');
    const value = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.record({ a: fc.oneof(fc.string(), fc.integer()), b: fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }) }));
    fc.assert(
      fc.property(value, (each) => {
        expect(ours.is(each)).toBe(theirs.is(each));
        expect(described(ours.decode(each))).toEqual(described(theirs.decode(each)));
      }),
      { numRuns },
    );
    expect(ours.name).toBe(theirs.name);
    expect(nullish(inner).name).toBe(t.union([inner, t.null, t.undefined]).name);
  });
});
