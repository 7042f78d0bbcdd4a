import { jsonrepair } from 'jsonrepair';
import type { CanonicalResponseFormat } from '../../streams/canonical-request.js';
import { compileSchemaValidator, type SchemaCheck } from './compile-schema-validator.js';

/** What became of one text block under a JSON response format. */
export type StructuredTextVerdict =
  | { readonly kind: 'valid' }
  | { readonly kind: 'repaired'; readonly text: string }
  | { readonly kind: 'invalid'; readonly error: string };

/** Text over this size is never repaired (SEED-SPEC §7.2). */
const repairLimitChars = 1_000_000;

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

function parse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error: unknown) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Why a parsed value does not fit the format, or `undefined` when it does. */
function mismatch(value: unknown, format: JsonFormat, check: SchemaCheck | undefined): string | undefined {
  if (format.type === 'json_object') {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'the response is not a JSON object';
  }
  const problem = check?.(value);
  return problem === undefined ? undefined : `the response does not match the schema: ${problem}`;
}

type JsonFormat = Exclude<CanonicalResponseFormat, { type: 'text' }>;

/**
 * Checks a finished text block against a JSON response format: parse, validate (ajv), and when
 * either fails, repair with `jsonrepair` (trailing commas, missing brackets, single quotes,
 * markdown fences, ...) and validate again.
 *
 * @example
 * checkStructuredText('{"city":"Paris",}', { type: 'json_object' }); // { kind: 'repaired', text: '{"city":"Paris"}' }
 * checkStructuredText('Sorry, no.', { type: 'json_object' }).kind; // 'invalid'
 */
export function checkStructuredText(text: string, format: JsonFormat): StructuredTextVerdict {
  const check = format.type === 'json_schema' ? compileSchemaValidator(format.schema) : undefined;
  const first = parse(text);
  const firstProblem = first.ok ? mismatch(first.value, format, check) : `the response is not valid JSON (${first.error})`;
  if (firstProblem === undefined) return { kind: 'valid' };
  if (text.length > repairLimitChars) return { kind: 'invalid', error: firstProblem };
  let repaired: string;
  try {
    repaired = jsonrepair(text).trim();
  } catch {
    return { kind: 'invalid', error: firstProblem };
  }
  if (repaired === text) return { kind: 'invalid', error: firstProblem };
  const second = parse(repaired);
  if (!second.ok) return { kind: 'invalid', error: firstProblem };
  const secondProblem = mismatch(second.value, format, check);
  // Report the schema problem of the repaired value: it says more than the syntax error did.
  return secondProblem === undefined ? { kind: 'repaired', text: repaired } : { kind: 'invalid', error: secondProblem };
}
