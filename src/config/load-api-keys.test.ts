import { describe, expect, it } from 'vitest';
import { loadApiKeys } from './load-api-keys.js';

describe('loadApiKeys', () => {
  it('should read a single key', () => {
    expect(loadApiKeys({ OPENAI_API_KEY: 'sk-one' }, 'OPENAI_API_KEY')).toEqual({ keys: [{ name: 'OPENAI_API_KEY', value: 'sk-one' }] });
  });

  it('should read numbered keys in numeric order, skipping gaps and blanks', () => {
    const result = loadApiKeys(
      { GEMINI_API_KEY_10: 'k10', GEMINI_API_KEY_2: 'k2', GEMINI_API_KEY_1: 'k1', GEMINI_API_KEY_3: '  ' },
      'GEMINI_API_KEY',
    );
    expect(result).toEqual({
      keys: [
        { name: 'GEMINI_API_KEY_1', value: 'k1' },
        { name: 'GEMINI_API_KEY_2', value: 'k2' },
        { name: 'GEMINI_API_KEY_10', value: 'k10' },
      ],
    });
  });

  it('should reject a mix of single and numbered keys, naming the variables but not the values', () => {
    const result = loadApiKeys({ ZAI_API_KEY: 'secret-a', ZAI_API_KEY_1: 'secret-b' }, 'ZAI_API_KEY');
    expect('error' in result && result.error).toMatch(/ZAI_API_KEY and ZAI_API_KEY_1/);
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('should not mistake other variables for numbered keys', () => {
    expect(loadApiKeys({ OPENAI_API_KEY_X: 'a', OPENAI_API_KEYS: 'b' }, 'OPENAI_API_KEY')).toEqual({ keys: [] });
  });
});
