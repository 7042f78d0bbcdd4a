import * as t from 'io-ts';

/**
 * Small io-ts building blocks shared by the Anthropic request and event codecs: nullish
 * optionals, a dispatch-on-`type` codec and a path formatter for validation errors.
 */

export { nullish } from '../nullish-codec.js';

/**
 * Picks the codec for an object by its `type` field, so a violation is reported against that one
 * shape instead of every member of a union. Objects with an unknown `type` go to `fallback`.
 */
export function byType<R extends Record<string, t.Mixed>, F extends t.Decoder<unknown, unknown> = t.Decoder<unknown, never>>(
  name: string,
  codecs: R,
  fallback?: F,
): t.Type<t.TypeOf<R[keyof R]> | (F extends t.Decoder<unknown, infer B> ? B : never), unknown, unknown> {
  type A = t.TypeOf<R[keyof R]> | (F extends t.Decoder<unknown, infer B> ? B : never);
  return new t.Type<A, unknown, unknown>(
    name,
    (value): value is A => typeof value === 'object' && value !== null,
    (value, context) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return t.failure(value, context, `expected an object with a "type" field`);
      }
      const type = (value as { type?: unknown }).type;
      const codec: t.Decoder<unknown, unknown> | undefined =
        typeof type === 'string' && Object.hasOwn(codecs, type) ? (codecs[type] as t.Decoder<unknown, unknown>) : fallback;
      if (codec === undefined) {
        return t.failure(value, context, `unknown type ${JSON.stringify(type)}`);
      }
      // An unnamed context entry, so the path formatter sees the chosen codec as the parent.
      return codec.validate(value, t.appendContext(context, '', codec, value)) as t.Validation<A>;
    },
    (value) => value,
  );
}

/** A JSON object (not an array, not null). */
export const jsonObjectCodec = t.UnknownRecord;

/**
 * Renders the most specific validation error as `path: reason`, e.g. `messages[1].content[0].text`.
 * Keys that only index a union or intersection member are left out of the path.
 */
export function formatValidationPath(errors: t.Errors): { path: string; message: string } {
  // The deepest error is the most specific one: for `content: string | Block[]`, a bad block's
  // field beats "content is not a string".
  const first = errors.reduce<t.ValidationError | undefined>(
    (deepest, error) => (deepest === undefined || error.context.length > deepest.context.length ? error : deepest),
    undefined,
  );
  if (first === undefined) return { path: '', message: 'invalid request' };
  let path = '';
  first.context.forEach((entry, position) => {
    const parent = position > 0 ? first.context[position - 1].type : undefined;
    if (position === 0 || entry.key === '') return;
    if (parent instanceof t.UnionType || parent instanceof t.IntersectionType) return;
    path += /^\d+$/.test(entry.key) && parent instanceof t.ArrayType ? `[${entry.key}]` : path === '' ? entry.key : `.${entry.key}`;
  });
  const expected = first.context[first.context.length - 1]?.type.name ?? 'value';
  const reason = first.message ?? `expected ${expected}, got ${describe(first.value)}`;
  return { path, message: path === '' ? reason : `${path}: ${reason}` };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** An object of a type this gateway does not translate, kept whole and tagged so it narrows. */
export interface UnknownBlock {
  readonly type: 'unknown';
  readonly originalType: string;
  readonly value: Readonly<Record<string, unknown>>;
}

/** Decodes any `{type: string, ...}` object as an {@link UnknownBlock}. */
export const unknownBlockCodec = new t.Type<UnknownBlock, unknown, unknown>(
  'UnknownBlock',
  (value): value is UnknownBlock => typeof value === 'object' && value !== null && (value as UnknownBlock).type === 'unknown',
  (value, context) => {
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    return typeof type === 'string'
      ? t.success({ type: 'unknown', originalType: type, value: value as Record<string, unknown> })
      : t.failure(value, context, 'expected an object with a string "type"');
  },
  (block) => block.value,
);
