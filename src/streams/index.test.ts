import { describe, expect, it } from 'vitest';
import * as streams from './index.js';

describe('streams index', () => {
  it('should export the public functions', () => {
    for (const name of [
      'assertNever',
      'mergeUsage',
      'parseSse',
      'serializeSse',
      'serializeSseComment',
      'mergeProviderMetadata',
      'createChunkReducer',
      'reduceChunks',
      'reduceChunkArray',
      'parseJsonArrayStream',
      'createJsonArrayWriter',
    ]) {
      expect(typeof (streams as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
