import { describe, expect, it } from 'vitest';
import { parseSelector } from './parse-selector.js';

describe('parseSelector', () => {
  // SEED-SPEC §13.6, verbatim.
  it('should read openrouter:anthropic/claude-3-haiku:beta as backend openrouter and model anthropic/claude-3-haiku:beta', () => {
    expect(parseSelector('openrouter:anthropic/claude-3-haiku:beta')).toEqual({
      backend: 'openrouter',
      model: 'anthropic/claude-3-haiku:beta',
      parameters: {},
    });
  });

  it('should read openai/gpt-4o:free as model-only', () => {
    expect(parseSelector('openai/gpt-4o:free')).toEqual({ model: 'openai/gpt-4o:free', parameters: {} });
  });

  it('should read openai:gpt-4?temperature=0.5 as backend openai, model gpt-4, temperature 0.5', () => {
    expect(parseSelector('openai:gpt-4?temperature=0.5')).toEqual({
      backend: 'openai',
      model: 'gpt-4',
      parameters: { temperature: '0.5' },
    });
  });

  it('should read several parameters and a backend instance', () => {
    expect(parseSelector('openai.1:gpt-4o?temperature=0&reasoning_effort=high')).toEqual({
      backend: 'openai.1',
      model: 'gpt-4o',
      parameters: { temperature: '0', reasoning_effort: 'high' },
    });
  });

  it('should treat a bare model and a leading colon as model-only', () => {
    expect(parseSelector('gpt-4o')).toEqual({ model: 'gpt-4o', parameters: {} });
    expect(parseSelector(':gpt-4o')).toEqual({ model: ':gpt-4o', parameters: {} });
  });

  it('should keep an empty model after the backend (the caller rejects it)', () => {
    expect(parseSelector('openai:')).toEqual({ backend: 'openai', model: '', parameters: {} });
  });
});
