import type * as t from 'io-ts';

export interface WireViolation {
  /** Field path in the request, e.g. `contents[0].parts[1].functionCall.name`. */
  readonly path: string;
  readonly message: string;
}

/** Codec kinds whose context entries name a member index, not a field: skipped in paths. */
const transparentTags = new Set(['IntersectionType', 'UnionType']);

/**
 * Turns io-ts validation errors into field paths a client can act on. Intersection and union
 * members add index entries to the io-ts context; those are dropped so the path matches the JSON.
 *
 * @example
 * reportGeminiWireErrors(errors)[0];
 * // { path: 'contents[0].parts[1].functionCall.name', message: 'expected string, got 42' }
 */
export function reportGeminiWireErrors(errors: t.Errors): WireViolation[] {
  const seen = new Set<string>();
  const violations: WireViolation[] = [];
  for (const error of errors) {
    const path = pathOf(error.context);
    if (seen.has(path)) continue; // a union reports every failed member at the same path
    seen.add(path);
    const last = error.context[error.context.length - 1];
    const expected = last === undefined ? 'a valid value' : last.type.name;
    violations.push({ path, message: `expected ${expected}, got ${describeValue(error.value)}` });
  }
  return violations;
}

function pathOf(context: t.Context): string {
  let path = '';
  for (let index = 1; index < context.length; index++) {
    const parent = context[index - 1].type as { _tag?: string };
    if (parent._tag !== undefined && transparentTags.has(parent._tag)) continue;
    const key = context[index].key;
    if (/^\d+$/.test(key) && (parent._tag === 'ArrayType' || parent._tag === 'ReadonlyArrayType')) path += `[${key}]`;
    else path += path.length === 0 ? key : `.${key}`;
  }
  return path.length === 0 ? '(body)' : path;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? typeof value : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
