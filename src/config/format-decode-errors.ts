import type * as t from 'io-ts';

/** Union and intersection members add a numeric context entry that is not part of the data path. */
function isCombinator(type: t.Decoder<unknown, unknown>): boolean {
  const tag = (type as { _tag?: string })._tag;
  return tag === 'UnionType' || tag === 'IntersectionType';
}

/** A dotted path such as `backends.openai.api_base_url` or `messages.0.content` for one io-ts failure. */
export function errorPath(error: t.ValidationError): string {
  const keys: string[] = [];
  for (let index = 1; index < error.context.length; index++) {
    const parent = error.context[index - 1];
    const entry = error.context[index];
    if (parent === undefined || entry === undefined || isCombinator(parent.type) || entry.key === '') continue;
    keys.push(entry.key);
  }
  return keys.join('.');
}

/** One line per failure: `path: what is wrong`. Duplicates (union branches) are collapsed. */
export function formatDecodeErrors(errors: t.Errors): string[] {
  const lines = errors.map((error) => {
    const path = errorPath(error) || '(root)';
    if (error.message !== undefined) return `${path}: ${error.message}`;
    const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value';
    return `${path}: expected ${expected}, got ${describe(error.value)}`;
  });
  return [...new Set(lines)];
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
