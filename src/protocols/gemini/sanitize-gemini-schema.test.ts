import { describe, expect, it } from 'vitest';
import { sanitizeGeminiSchema } from './sanitize-gemini-schema.js';

describe('sanitizeGeminiSchema', () => {
  it('should strip keywords Gemini rejects, recursively', () => {
    expect(
      sanitizeGeminiSchema({
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: 'x',
        $comment: 'c',
        type: 'object',
        additionalProperties: false,
        propertyNames: { pattern: '^a' },
        patternProperties: { '^x': {} },
        unevaluatedProperties: false,
        if: {}, then: {}, else: {},
        properties: {
          n: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 9, minimum: 1, readOnly: true, writeOnly: false, examples: [1], format: 'int64' },
          s: { type: 'string', format: 'uri', contentMediaType: 'text/plain', default: 'a', description: 'd' },
          list: { type: 'array', items: { type: 'object', properties: { k: { type: 'string' } }, additionalProperties: false }, minItems: 1 },
        },
        required: ['n', 'ghost'],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        n: { type: 'integer', minimum: 1, format: 'int64' },
        s: { type: 'string', default: 'a', description: 'd' },
        list: { type: 'array', items: { type: 'object', properties: { k: { type: 'string' } } }, minItems: 1 },
      },
      required: ['n'],
    });
  });

  it('should turn nullable types and const into Gemini forms', () => {
    expect(
      sanitizeGeminiSchema({
        type: 'object',
        properties: {
          a: { type: ['string', 'null'] },
          b: { anyOf: [{ type: 'number' }, { type: 'null' }], description: 'b' },
          c: { const: 'fixed' },
          d: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          e: { type: 'integer', enum: [1, 2] },
        },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string', nullable: true },
        b: { type: 'number', nullable: true, description: 'b' },
        c: { type: 'string', enum: ['fixed'] },
        d: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        e: { type: 'integer' },
      },
    });
  });

  it('should inline $ref definitions and cut recursive ones', () => {
    const result = sanitizeGeminiSchema({
      type: 'object',
      $defs: { Point: { type: 'object', properties: { x: { type: 'number' } } }, Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } } } },
      properties: { p: { $ref: '#/$defs/Point' }, n: { $ref: '#/$defs/Node' }, broken: { $ref: 'http://elsewhere' } },
    });
    expect(result?.properties).toMatchObject({ p: { type: 'object', properties: { x: { type: 'number' } } }, broken: {} });
    expect(JSON.stringify(result)).not.toContain('$ref');
    expect(JSON.stringify(result)).not.toContain('$defs');
  });

  it('should merge allOf members', () => {
    expect(
      sanitizeGeminiSchema({ allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'number' } } }] }),
    ).toEqual({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'] });
  });

  it('should return undefined for a root object without properties', () => {
    expect(sanitizeGeminiSchema({ type: 'object', properties: {}, additionalProperties: false })).toBeUndefined();
  });
});
