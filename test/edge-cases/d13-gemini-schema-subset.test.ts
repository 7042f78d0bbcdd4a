import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeOpenAIChatRequest } from '../../src/protocols/openai-chat/index.js';
import { encodeGeminiRequest } from '../../src/protocols/gemini/index.js';
import { startEdgeGateway, type EdgeGateway } from './edge-gateway.js';

/** The keywords of Gemini's OpenAPI-3.0 Schema subset (ai.google.dev/api/caching#Schema). */
const geminiKeywords = new Set([
  'type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'properties', 'required',
  'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'example', 'anyOf', 'propertyOrdering',
  'default', 'items', 'minimum', 'maximum',
]);

/** Every keyword used anywhere in a schema that Gemini would reject, as `path.keyword`. */
function rejectedKeywords(schema: unknown, path = '$'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  if (Array.isArray(schema)) return schema.flatMap((item, index) => rejectedKeywords(item, `${path}[${index}]`));
  const found: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (!geminiKeywords.has(key)) found.push(`${path}.${key}`);
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, child] of Object.entries(value)) found.push(...rejectedKeywords(child, `${path}.properties.${name}`));
    } else if (key === 'items' || key === 'anyOf') found.push(...rejectedKeywords(value, `${path}.${key}`));
  }
  if (typeof (schema as { format?: unknown }).format === 'string' && !['enum', 'date-time', 'int32', 'int64', 'float', 'double'].includes((schema as { format: string }).format)) {
    found.push(`${path}.format=${(schema as { format: string }).format}`);
  }
  return found;
}

/** What zod-to-json-schema and coding agents typically emit. */
const agentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:tool',
  type: 'object',
  additionalProperties: false,
  properties: {
    path: { type: 'string', format: 'uri', $comment: 'file path', examples: ['a.txt'] },
    count: { type: 'integer', exclusiveMinimum: 0, maximum: 10 },
    mode: { const: 'fast' },
    tags: { type: 'array', items: { $ref: '#/$defs/tag' }, uniqueItems: true },
    meta: { type: 'object', patternProperties: { '^x-': { type: 'string' } }, propertyNames: { pattern: '^[a-z]+$' } },
    either: { oneOf: [{ type: 'string' }, { type: 'null' }] },
    when: { type: 'string', format: 'date-time', readOnly: true },
  },
  required: ['path'],
  $defs: { tag: { type: 'string', minLength: 1, not: { const: '' } } },
};

describe('D.13 Gemini schema subset', () => {
  it('should strip every JSON-Schema keyword Gemini rejects from function parameters', () => {
    const { value } = decodeOpenAIChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'read', parameters: agentSchema } }],
    });
    const body = encodeGeminiRequest(value, { model: 'gemini-2.5-flash' });
    const [tool] = body.tools as { functionDeclarations: { name: string; parameters?: unknown }[] }[];
    const parameters = tool?.functionDeclarations[0]?.parameters as Record<string, unknown>;
    expect(rejectedKeywords(parameters)).toEqual([]);
    // What Gemini can express is kept: required fields, the $ref target inlined, the date-time format.
    expect(parameters.required).toEqual(['path']);
    const properties = parameters.properties as Record<string, Record<string, unknown>>;
    expect(properties.tags?.items).toEqual(expect.objectContaining({ type: 'string', minLength: 1 }));
    expect(properties.when?.format).toBe('date-time');
    expect(properties.count?.maximum).toBe(10);
  });

  describe('through the gateway', () => {
    let gateway: EdgeGateway;
    beforeAll(async () => {
      gateway = await startEdgeGateway();
      gateway.setScenario('schema', { kind: 'text', text: 'ok' });
    });
    afterAll(() => gateway.close());

    it.each(['openai', 'anthropic'] as const)('should send the Gemini backend a clean schema from a %s client', async (client) => {
      if (client === 'openai') {
        await gateway.openai().chat.completions.create({
          model: 'gemini:schema',
          messages: [{ role: 'user', content: 'hi' }],
          tools: [{ type: 'function', function: { name: 'read', parameters: agentSchema } }],
        });
      } else {
        await gateway.anthropic().messages.create({
          model: 'gemini:schema',
          max_tokens: 10,
          messages: [{ role: 'user', content: 'hi' }],
          tools: [{ name: 'read', input_schema: agentSchema as { type: 'object' } }],
        });
      }
      const sent = gateway.fakes.gemini.requests.at(-1)?.body as { tools: { functionDeclarations: { parameters?: unknown }[] }[] };
      const parameters = sent.tools[0]?.functionDeclarations[0]?.parameters;
      expect(parameters).toEqual(expect.objectContaining({ type: 'object', required: ['path'] }));
      expect(rejectedKeywords(parameters)).toEqual([]);
    });
  });
});
