import type { SecretRedactor } from './redact-secrets.js';

/**
 * Deep-redacts every string inside a JSON-like value (captures, log objects, error bodies).
 * Build the redactor with `marker: CAPTURE_REDACTION_MARKER` (`[REDACTED]`) for these uses.
 *
 * Objects and arrays are copied only along the paths where something changed; an untouched value
 * comes back as the very same reference. Object keys are left alone (keys are schema, not data).
 * Typed arrays, Dates and other class instances are returned as they are; a cycle becomes
 * `'[Circular]'` rather than a stack overflow. The cycle check is a scan of the current path, not a
 * WeakSet: paths in JSON are a few levels deep, and the WeakSet was most of the cost per object.
 *
 * @param value Any value; only plain objects, arrays and strings are walked.
 * @param redactor From `createSecretRedactor`.
 * @example
 * redactValue({ headers: { authorization: 'Bearer sk-abc…' } }, redactor)
 * // → { headers: { authorization: 'Bearer [REDACTED]' } }
 */
export function redactValue<T>(value: T, redactor: SecretRedactor): T {
  return walk(value, redactor, []) as T;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function walk(value: unknown, redactor: SecretRedactor, ancestors: object[]): unknown {
  if (typeof value === 'string') return redactor(value).text;
  if (typeof value !== 'object' || value === null) return value;
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return value;
  if (ancestors.includes(value)) return '[Circular]';
  ancestors.push(value);
  try {
    return isArray ? walkArray(value, redactor, ancestors) : walkObject(value as Record<string, unknown>, redactor, ancestors);
  } finally {
    ancestors.pop();
  }
}

function walkArray(value: readonly unknown[], redactor: SecretRedactor, ancestors: object[]): readonly unknown[] {
  let copy: unknown[] | undefined;
  for (let index = 0; index < value.length; index += 1) {
    const item = value[index];
    const redacted = walk(item, redactor, ancestors);
    if (redacted !== item) {
      copy ??= value.slice();
      copy[index] = redacted;
    }
  }
  return copy ?? value;
}

function walkObject(
  value: Record<string, unknown>,
  redactor: SecretRedactor,
  ancestors: object[],
): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const redacted = walk(item, redactor, ancestors);
    if (redacted !== item) {
      copy ??= { ...value };
      copy[key] = redacted;
    }
  }
  return copy ?? value;
}
