import type { GeminiPartialArg } from './gemini-wire.js';

type Container = Record<string, unknown> | unknown[];

/**
 * Applies one Vertex `partialArgs` entry to the arguments object being rebuilt.
 *
 * `jsonPath` addresses the value (`$.recipe.ingredients[3].name`, `$['a b']`); missing objects
 * and arrays on the way are created. A `stringValue` for a path that already holds a string is
 * **appended**: Vertex streams long strings as several pieces for the same path and closes them
 * with an empty piece. `numberValue`, `boolValue` and `nullValue` set the value. Entries without a
 * path or value (the bare `{willContinue:true}` separators) change nothing.
 *
 * @example
 * const args = {};
 * applyGeminiPartialArg(args, { jsonPath: '$.steps[0]', stringValue: 'Preheat' });
 * applyGeminiPartialArg(args, { jsonPath: '$.steps[0]', stringValue: ' oven' });
 * // args: { steps: ['Preheat oven'] }
 */
export function applyGeminiPartialArg(args: Record<string, unknown>, entry: GeminiPartialArg): void {
  const value = valueOf(entry);
  if (value === undefined || typeof entry.jsonPath !== 'string') return;
  const keys = parseJsonPath(entry.jsonPath);
  if (keys === undefined || keys.length === 0) return;
  let container: Container = args;
  for (let index = 0; index < keys.length - 1; index++) {
    const key = keys[index];
    const next = typeof keys[index + 1] === 'number' ? [] : {};
    const current = read(container, key);
    if (typeof current === 'object' && current !== null) container = current as Container;
    else {
      write(container, key, next);
      container = next;
    }
  }
  const last = keys[keys.length - 1];
  const existing = read(container, last);
  write(container, last, typeof value.set === 'string' && typeof existing === 'string' ? existing + value.set : value.set);
}

function valueOf(entry: GeminiPartialArg): { set: unknown } | undefined {
  if (typeof entry.stringValue === 'string') return { set: entry.stringValue };
  if (typeof entry.numberValue === 'number') return { set: entry.numberValue };
  if (typeof entry.boolValue === 'boolean') return { set: entry.boolValue };
  if (entry.nullValue !== undefined) return { set: null };
  return undefined;
}

function read(container: Container, key: string | number): unknown {
  return Array.isArray(container) ? container[key as number] : container[key as string];
}

function write(container: Container, key: string | number, value: unknown): void {
  if (Array.isArray(container)) {
    if (typeof key === 'number') container[key] = value;
  } else {
    container[String(key)] = value;
  }
}

/** `$.a.b[2]['c d']` → `['a', 'b', 2, 'c d']`; `undefined` when the path is not of that form. */
export function parseJsonPath(path: string): (string | number)[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const keys: (string | number)[] = [];
  let index = 1;
  while (index < path.length) {
    const char = path[index];
    if (char === '.') {
      let end = index + 1;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      if (end === index + 1) return undefined;
      keys.push(path.slice(index + 1, end));
      index = end;
    } else if (char === '[') {
      const close = path.indexOf(']', index);
      if (close === -1) return undefined;
      const inner = path.slice(index + 1, close);
      const quoted = /^(['"])(.*)\1$/.exec(inner);
      if (quoted !== null) keys.push(quoted[2]);
      else if (/^\d+$/.test(inner)) keys.push(Number(inner));
      else return undefined;
      index = close + 1;
    } else {
      return undefined;
    }
  }
  return keys;
}
