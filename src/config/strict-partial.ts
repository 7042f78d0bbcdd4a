import * as t from 'io-ts';

/**
 * Like `t.partial`, but an object holding a key the codec does not declare fails with
 * "unknown key" at that key's path (`t.exact` would drop it silently, and a misspelt config key
 * would then be ignored without a word).
 */
export function strictPartial<P extends t.Props>(props: P, name: string): t.Type<t.TypeOf<t.PartialC<P>>, unknown, unknown> {
  const base = t.partial(props);
  return new t.Type<t.TypeOf<t.PartialC<P>>, unknown, unknown>(
    name,
    (input): input is t.TypeOf<t.PartialC<P>> => base.is(input),
    (input, context) => {
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
        const record = input as Record<string, unknown>;
        const unknownKeys = Object.keys(record).filter((key) => !Object.prototype.hasOwnProperty.call(props, key));
        if (unknownKeys.length > 0) {
          return t.failures(
            unknownKeys.map((key) => ({
              value: record[key],
              context: [...context, { key, type: t.never, actual: record[key] }],
              message: `unknown key '${key}' (known keys: ${Object.keys(props).join(', ')})`,
            })),
          );
        }
      }
      return base.validate(input, context);
    },
    (value) => base.encode(value),
  );
}
