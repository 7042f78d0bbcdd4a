import { describe, expect, it } from 'vitest';
import { parseGeminiModelPath } from './gemini-model-path.js';

describe('parseGeminiModelPath', () => {
  it.each([
    ['/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', { model: 'gemini-2.5-flash', method: 'streamGenerateContent' }],
    ['/v1beta/models/anthropic:claude-x:generateContent', { model: 'anthropic:claude-x', method: 'generateContent' }],
    ['/v1/models/models/gemini-pro:countTokens', { model: 'models/gemini-pro', method: 'countTokens' }],
    ['models/gemini-2.5-flash', { model: 'gemini-2.5-flash' }],
    ['/v1beta/models/anthropic:claude-x', { model: 'anthropic:claude-x' }],
    ['/v1beta1/projects/p/locations/l/publishers/google/models/gemini-3-pro:generateContent', { model: 'gemini-3-pro', method: 'generateContent' }],
    ['/v1beta/models/openai%3Agpt-5:generateContent', { model: 'openai:gpt-5', method: 'generateContent' }],
  ])('should parse %s', (path, expected) => {
    expect(parseGeminiModelPath(path)).toEqual(expected);
  });

  it('should return undefined when there is no model', () => {
    expect(parseGeminiModelPath('/v1beta/models/')).toBeUndefined();
    expect(parseGeminiModelPath('/v1beta/models/:generateContent')).toBeUndefined();
  });
});
