import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';

// ajv is loaded on the first structured-output request, not at start-up (it costs ~50 ms to load).
const load = createRequire(import.meta.url);
const ajvModule = (): { Ajv: typeof Ajv } => load('ajv') as { Ajv: typeof Ajv };
const ajv2020Module = (): { Ajv2020: typeof Ajv2020 } => load('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };

/** Checks one parsed value; returns `undefined` when it is valid, else the validator's message. */
export type SchemaCheck = (value: unknown) => string | undefined;

const cacheLimit = 200;
const cache = new Map<string, SchemaCheck | null>();
// One instance per dialect; `strict: false` because clients send keywords ajv does not know
// (OpenAI's `strict`-mode schemas carry `additionalProperties` on every object, `title`s, ...).
let draft2020: Ajv2020 | undefined;
let draft07: Ajv | undefined;

/** Schemas that name an older draft go to ajv's draft-07 class; everything else to 2020-12. */
function usesDraft07(schema: Readonly<Record<string, unknown>>): boolean {
  const dialect = schema.$schema;
  return typeof dialect === 'string' && /draft-0[4-7]/.test(dialect);
}

function compile(schema: Readonly<Record<string, unknown>>): SchemaCheck | null {
  try {
    const ajv = usesDraft07(schema)
      ? (draft07 ??= new (ajvModule().Ajv)({ strict: false, allErrors: false, validateSchema: false }))
      : (draft2020 ??= new (ajv2020Module().Ajv2020)({ strict: false, allErrors: false, validateSchema: false }));
    const { $schema: _dialect, ...body } = schema;
    const validate = ajv.compile(body);
    return (value) => (validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: '$' }));
  } catch {
    return null; // a schema ajv cannot compile: only JSON syntax is enforced
  }
}

/**
 * Compiles a JSON Schema into a check, once per distinct schema (cached by its JSON text, the
 * 200 most recent kept): a coding agent sends the same schema on every turn.
 *
 * @returns the check, or `undefined` when ajv cannot compile the schema.
 * @example
 * compileSchemaValidator({ type: 'object', required: ['city'] })?.({}); // "$ must have required property 'city'"
 */
export function compileSchemaValidator(schema: Readonly<Record<string, unknown>>): SchemaCheck | undefined {
  const key = JSON.stringify(schema);
  let check = cache.get(key);
  if (check === undefined) {
    check = compile(schema);
    if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
  } else {
    cache.delete(key); // re-inserted below: Map order is the recency order
  }
  cache.set(key, check);
  return check ?? undefined;
}
