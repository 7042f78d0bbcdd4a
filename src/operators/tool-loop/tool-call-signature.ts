// node:crypto is used only for hashing, which is pure computation (no I/O, no clock, no randomness).
import { createHash } from 'node:crypto';
import { jsonrepair } from 'jsonrepair';

/** A canonical form longer than this is replaced by its hash (SEED-SPEC §6). */
export const SIGNATURE_MAX_CANONICAL_CHARS = 1024;
/** Arguments larger than this are hashed as they are, never parsed (SEED-SPEC §6). */
export const SIGNATURE_MAX_INPUT_BYTES = 1024 * 1024;

const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/** JSON with object keys sorted at every depth, no whitespace: equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Parses the arguments, repairing them with `jsonrepair` when invalid; `undefined` when hopeless. */
function parseArguments(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    try {
      return { value: JSON.parse(jsonrepair(text)) as unknown };
    } catch {
      return undefined;
    }
  }
}

function canonicalArguments(argumentsJson: string): string {
  if (argumentsJson.trim() === '') return '{}'; // no arguments at all: the same as `{}` (chunk contract)
  if (Buffer.byteLength(argumentsJson, 'utf8') > SIGNATURE_MAX_INPUT_BYTES) return sha256(argumentsJson);
  const parsed = parseArguments(argumentsJson);
  let canonical: string;
  try {
    // Unparseable strings are used as they are (seed behaviour).
    canonical = parsed === undefined ? argumentsJson : canonicalJson(parsed.value);
  } catch {
    // Serialisation failed (e.g. nesting deep enough to overflow the stack): hash the input.
    return sha256(argumentsJson);
  }
  return canonical.length > SIGNATURE_MAX_CANONICAL_CHARS ? sha256(canonical) : canonical;
}

/**
 * The identity of a tool call for loop detection: `<name>:<canonical arguments>` (SEED-SPEC §6).
 * Arguments are parsed (repaired with `jsonrepair` when invalid) and re-serialised with keys
 * sorted at every depth, so key order and whitespace do not matter. A canonical form over 1024
 * characters becomes `sha256:<hex>` of that form (still order-independent); input over 1 MB or
 * that cannot be serialised becomes `sha256:<hex>` of the raw input. Unparseable text is used as is.
 *
 * @example
 * toolCallSignature('calc', '{"b": 2, "a": 1}'); // 'calc:{"a":1,"b":2}'
 * toolCallSignature('calc', "{a: 1}");           // 'calc:{"a":1}' (repaired)
 */
export function toolCallSignature(name: string, argumentsJson: string): string {
  return `${name}:${canonicalArguments(argumentsJson)}`;
}
