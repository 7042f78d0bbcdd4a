import { jsonrepair } from 'jsonrepair';

/**
 * Parses canonical tool-call arguments (a JSON string) into the object Gemini's `functionCall.args`
 * needs. Broken JSON from an upstream is repaired when possible; anything that is still not an
 * object becomes `{}` (Gemini rejects non-object args) — or `{value}` for a bare value, so
 * nothing is silently lost.
 *
 * @example
 * parseGeminiArgs('{"a":1'); // { a: 1 }
 */
export function parseGeminiArgs(input: string): Record<string, unknown> {
  if (input.trim().length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    try {
      value = JSON.parse(jsonrepair(input));
    } catch {
      return {};
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  return value === null || value === undefined ? {} : { value };
}
