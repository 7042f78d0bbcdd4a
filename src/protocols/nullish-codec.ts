import * as t from 'io-ts';

/**
 * Accepts the codec's type, `null` or `undefined` (wire JSON often sends `null` for "absent"):
 * `t.union([codec, t.null, t.undefined])`, with the same validation and errors, and an `is` that
 * allocates nothing. `t.union`'s own `is` makes a closure per call, and the stream decoders call
 * it for every optional field of every upstream chunk.
 */
export function nullish<C extends t.Mixed>(codec: C, name?: string): t.UnionC<[C, t.NullC, t.UndefinedC]> {
  const union = t.union([codec, t.null, t.undefined], name);
  const is = (value: unknown): boolean => value === null || value === undefined || codec.is(value);
  return new t.UnionType(
    union.name,
    is as typeof union.is,
    union.validate,
    union.encode,
    union.types,
  );
}
