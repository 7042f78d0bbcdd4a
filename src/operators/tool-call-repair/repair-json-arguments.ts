import { jsonrepair } from 'jsonrepair';
import { JSON_REPAIR_MAX_INPUT_BYTES } from './repair-limits.js';
import { utf8ByteLength } from './utf8-byte-length.js';

/** True when `text` parses as JSON. */
export function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function repairToObject(text: string): string | undefined {
  if (utf8ByteLength(text) > JSON_REPAIR_MAX_INPUT_BYTES || text.trim() === '' || isValidJson(text)) return undefined;
  try {
    const repaired = jsonrepair(text);
    const value: unknown = JSON.parse(repaired);
    // Tool arguments are objects; jsonrepair turns any prose into a JSON string, which is no repair.
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? repaired : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Repairs invalid tool-call arguments with `jsonrepair` (trailing commas, single quotes, unquoted
 * keys, comments, missing brackets …). Returns `undefined` when there is nothing to do: the text is
 * already valid JSON, is empty, is over 1 MB, or cannot be repaired into a JSON object.
 *
 * @example
 * repairJsonArguments("{'a': 1,}"); // '{"a": 1}'
 * repairJsonArguments('{"a":1}');   // undefined (valid: left alone)
 */
export function repairJsonArguments(text: string): string | undefined {
  return repairToObject(text);
}

/**
 * The suffix that completes truncated JSON arguments, when `jsonrepair` can fix them by ONLY
 * appending (SEED-SPEC §7.1 [current], §13.13); `undefined` otherwise, and for valid JSON.
 *
 * @example
 * completeTruncatedJson('{"path": "a.py"'); // '}'
 * completeTruncatedJson('{"a":1,');         // undefined (repair would drop the comma)
 */
export function completeTruncatedJson(text: string): string | undefined {
  const repaired = repairToObject(text);
  if (repaired === undefined || repaired.length <= text.length || !repaired.startsWith(text)) return undefined;
  return repaired.slice(text.length);
}
