type JsonObject = Record<string, unknown>;

/**
 * Keywords Gemini's `parameters` Schema (an OpenAPI 3.0 subset) accepts. Anything else — `$schema`,
 * `additionalProperties`, `propertyNames`, `exclusiveMinimum`, `$comment`, `readOnly`,
 * `writeOnly`, `examples`, `$id`, `patternProperties`, `unevaluatedProperties`, `if/then/else`,
 * `contentMediaType`, `not`, `dependentRequired`... — is rejected with 400 "Invalid JSON payload
 * received. Unknown name …" (PROTOCOLS.md D.13), so it is an allowlist, not a blocklist.
 *
 * @see https://ai.google.dev/api/caching#Schema
 */
const keptKeywords = new Set([
  'description',
  'title',
  'nullable',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'default',
  'example',
  'propertyOrdering',
]);

/** Gemini accepts only these `format`s, per type; others give 400. */
const allowedFormats: Readonly<Record<string, ReadonlySet<string>>> = {
  string: new Set(['enum', 'date-time']),
  integer: new Set(['int32', 'int64']),
  number: new Set(['float', 'double']),
};

/** How deep `$ref`s are inlined before a recursive schema is cut to `{type: 'object'}`. */
const maxRefDepth = 8;

/**
 * Rewrites a JSON Schema into the subset Gemini's function `parameters` accepts, recursively:
 * - unknown keywords are dropped (see the allowlist above);
 * - `type: [t, 'null']` and `anyOf/oneOf` with a `{type:'null'}` member become `nullable: true`;
 *   `oneOf` becomes `anyOf`; a one-member `allOf` is inlined, a several-member one merged;
 * - `const` becomes `enum: [const]` when it is a string; non-string `enum`/`const` are dropped
 *   (Gemini only allows enums on strings);
 * - `$ref` to `#/$defs/…` or `#/definitions/…` is inlined (cycles cut at depth 8 to
 *   `{type:'object'}`); other refs become `{}`;
 * - `required` keeps only names that are in `properties`; `format` is kept only where allowed.
 *
 * Returns `undefined` for a root object schema without properties: Gemini rejects an empty
 * `properties` on an OBJECT, and a function with no parameters is declared without `parameters`.
 *
 * @example
 * sanitizeGeminiSchema({ type: 'object', properties: { a: { type: ['string', 'null'], const: 'x' } },
 *   additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' });
 * // { type: 'object', properties: { a: { type: 'string', nullable: true, enum: ['x'] } } }
 */
export function sanitizeGeminiSchema(schema: Readonly<JsonObject>): JsonObject | undefined {
  const definitions = { ...{}, ...asObject(schema.definitions), ...asObject(schema.$defs) };
  const result = sanitizeNode(schema, definitions, 0);
  if (result.type === 'object' && (result.properties === undefined || Object.keys(asObject(result.properties)).length === 0)) {
    return undefined;
  }
  return result;
}

function sanitizeNode(input: unknown, definitions: JsonObject, depth: number): JsonObject {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return {};
  let node = input as JsonObject;
  if (typeof node.$ref === 'string') {
    const target = resolveRef(node.$ref, definitions);
    if (target === undefined) return {};
    if (depth >= maxRefDepth) return { type: 'object' };
    const { $ref: _ref, ...siblings } = node;
    node = { ...{}, ...target, ...siblings };
    depth += 1;
  }
  if (Array.isArray(node.allOf)) node = mergeAllOf(node);
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (keptKeywords.has(key)) result[key] = value;
  }
  applyType(node, result);
  applyEnum(node, result);
  const format = node.format;
  const formats = typeof result.type === 'string' ? allowedFormats[result.type] : undefined;
  if (typeof format === 'string' && formats?.has(format) === true) result.format = format;
  const alternatives = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (alternatives !== undefined) applyAnyOf(alternatives, result, definitions, depth);
  if (node.items !== undefined && !Array.isArray(node.items)) result.items = sanitizeNode(node.items, definitions, depth);
  if (typeof node.properties === 'object' && node.properties !== null) {
    const properties: JsonObject = {};
    for (const [name, property] of Object.entries(node.properties as JsonObject)) {
      properties[name] = sanitizeNode(property, definitions, depth);
    }
    result.properties = properties;
    result.type ??= 'object';
    if (Array.isArray(node.required)) {
      const required = node.required.filter((name): name is string => typeof name === 'string' && name in properties);
      if (required.length > 0) result.required = required;
    }
  }
  return result;
}

function applyType(node: JsonObject, result: JsonObject): void {
  const type = node.type;
  if (typeof type === 'string') {
    if (type.toLowerCase() === 'null') result.nullable = true;
    else result.type = type.toLowerCase();
  } else if (Array.isArray(type)) {
    const types = type.filter((entry): entry is string => typeof entry === 'string').map((entry) => entry.toLowerCase());
    const nonNull = types.filter((entry) => entry !== 'null');
    if (nonNull.length < types.length) result.nullable = true;
    if (nonNull.length === 1) result.type = nonNull[0];
  }
}

function applyEnum(node: JsonObject, result: JsonObject): void {
  const values = Array.isArray(node.enum) ? node.enum : node.const === undefined ? undefined : [node.const];
  if (values === undefined) return;
  const strings = values.filter((value): value is string => typeof value === 'string');
  if (strings.length === 0 || strings.length !== values.filter((value) => value !== null).length) return;
  result.enum = strings;
  if (values.includes(null)) result.nullable = true;
  result.type ??= 'string';
}

function applyAnyOf(alternatives: unknown[], result: JsonObject, definitions: JsonObject, depth: number): void {
  const isNull = (entry: unknown): boolean => typeof entry === 'object' && entry !== null && (entry as JsonObject).type === 'null';
  const rest = alternatives.filter((entry) => !isNull(entry));
  if (rest.length < alternatives.length) result.nullable = true;
  if (rest.length === 1) {
    const single = sanitizeNode(rest[0], definitions, depth);
    for (const [key, value] of Object.entries(single)) if (result[key] === undefined) result[key] = value;
  } else if (rest.length > 1) {
    result.anyOf = rest.map((entry) => sanitizeNode(entry, definitions, depth));
  }
}

function mergeAllOf(node: JsonObject): JsonObject {
  const { allOf, ...base } = node;
  const merged: JsonObject = { ...base };
  for (const member of allOf as unknown[]) {
    const part = asObject(member);
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties') merged.properties = { ...{}, ...asObject(merged.properties), ...asObject(value) };
      else if (key === 'required' && Array.isArray(value)) {
        merged.required = [...(Array.isArray(merged.required) ? merged.required : []), ...value];
      } else merged[key] ??= value;
    }
  }
  return merged;
}

function resolveRef(ref: string, definitions: JsonObject): JsonObject | undefined {
  const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  if (match === null) return undefined;
  const target = definitions[decodeURIComponent(match[1]).replace(/~1/g, '/').replace(/~0/g, '~')];
  return typeof target === 'object' && target !== null && !Array.isArray(target) ? (target as JsonObject) : undefined;
}

function asObject(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}
