import type * as t from 'io-ts';

export interface ValidationProblem {
  /** Dotted field path, e.g. `messages.0.content`; empty for the body itself. */
  readonly path: string;
  /** `messages.0.content: expected string | null | AssistantContentPart[], got 42`. */
  readonly message: string;
}

type TaggedDecoder = t.Decoder<unknown, unknown> & { readonly _tag?: string };

const isBranching = (entry: t.ContextEntry | undefined): boolean => {
  const tag = (entry?.type as TaggedDecoder | undefined)?._tag;
  return tag === 'UnionType' || tag === 'IntersectionType';
};

/** The entries that name a real field: union and intersection branch numbers (and empty keys) are not. */
function pathOf(context: t.Context): string[] {
  const keys: string[] = [];
  for (let index = 1; index < context.length; index++) {
    if (!isBranching(context[index - 1]) && context[index].key !== '') keys.push(context[index].key);
  }
  return keys;
}

/** The expected type: a union branch that failed is reported as the whole union. */
function expectedName(context: t.Context): string {
  const last = context[context.length - 1];
  const parent = context[context.length - 2];
  if (parent !== undefined && isBranching(parent)) return parent.type.name;
  return last?.type.name ?? 'unknown';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Reduces io-ts errors to the one problem a client should fix: the deepest failing path (the
 * most specific one; shallower errors are usually other union branches), with what was expected.
 *
 * @example
 * formatOpenAIChatValidationError(errors);
 * // { path: 'messages.0.role', message: "messages.0.role: expected \"system\" | … , got \"robot\"" }
 */
export function formatOpenAIChatValidationError(errors: t.Errors): ValidationProblem {
  let best: { keys: string[]; error: t.ValidationError } | undefined;
  for (const error of errors) {
    const keys = pathOf(error.context);
    if (best === undefined || keys.length > best.keys.length) best = { keys, error };
  }
  if (best === undefined) return { path: '', message: 'invalid request body' };
  const path = best.keys.join('.');
  const subject = path === '' ? 'request body' : path;
  const detail =
    best.error.message ??
    (best.error.value === undefined
      ? `required ${expectedName(best.error.context)} is missing`
      : `expected ${expectedName(best.error.context)}, got ${describe(best.error.value)}`);
  return { path, message: `${subject}: ${detail}` };
}
