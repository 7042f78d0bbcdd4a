import * as t from 'io-ts';
import { nullish as nullishCodec } from '../nullish-codec.js';

/** Accepts the codec's type, `null` or `undefined`: upstreams and clients send explicit nulls. */
export function nullish<C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC, t.UndefinedC]> {
  return nullishCodec(codec, `${codec.name} | null`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A union chosen by one tag field (`role`, `type`). Unlike `t.union`, a failure names the one
 * member the tag selects, so the error path points at the field that is actually wrong
 * (`messages.2.tool_call_id`) instead of listing every member's complaints.
 */
export function discriminatedCodec<M extends Record<string, t.Mixed>>(
  name: string,
  tagKey: string,
  members: M,
): t.Type<t.TypeOf<M[keyof M]>, t.TypeOf<M[keyof M]>, unknown> {
  type Member = t.TypeOf<M[keyof M]>;
  const tagCodec = t.keyof(
    Object.fromEntries(Object.keys(members).map((key) => [key, null])) as Record<string, null>,
  );
  const memberFor = (value: unknown): t.Mixed | undefined => {
    if (!isRecord(value)) return undefined;
    const tag = value[tagKey];
    return typeof tag === 'string' && Object.hasOwn(members, tag) ? members[tag] : undefined;
  };
  return new t.Type<Member, Member, unknown>(
    name,
    (value): value is Member => memberFor(value)?.is(value) === true,
    (value, context) => {
      if (!isRecord(value)) return t.failure(value, context);
      const member = memberFor(value);
      if (member === undefined) {
        const tag = value[tagKey];
        return t.failure(tag, t.appendContext(context, tagKey, tagCodec, tag));
      }
      // An entry with an empty key: not a field, but it lets error paths see the member's shape.
      return member.validate(value, t.appendContext(context, '', member, value)) as t.Validation<Member>;
    },
    t.identity,
  );
}

/** An array with at least one element; the failure message says so. */
export function nonEmptyArray<C extends t.Mixed>(
  codec: C,
  name: string,
): t.Type<t.TypeOf<C>[], t.TypeOf<C>[], unknown> {
  const arrayCodec = t.array(codec, name);
  return new t.Type<t.TypeOf<C>[], t.TypeOf<C>[], unknown>(
    name,
    (value): value is t.TypeOf<C>[] => arrayCodec.is(value) && value.length > 0,
    (value, context) => {
      if (Array.isArray(value) && value.length === 0) {
        return t.failure(value, context, 'must contain at least one element');
      }
      return arrayCodec.validate(value, context);
    },
    t.identity,
  );
}

/**
 * Any object with a string `type` other than `excluded`: the open-ended branch of a union whose
 * known member must not be able to fall through to it when its own fields are wrong.
 */
export function otherTypedObject(
  excluded: string,
  name: string,
): t.Type<Record<string, unknown> & { type: string }, Record<string, unknown> & { type: string }, unknown> {
  type Other = Record<string, unknown> & { type: string };
  const is = (value: unknown): value is Other =>
    isRecord(value) && typeof value.type === 'string' && value.type !== excluded;
  return new t.Type<Other, Other, unknown>(
    name,
    is,
    (value, context) => (is(value) ? t.success(value) : t.failure(value, context)),
    t.identity,
  );
}
