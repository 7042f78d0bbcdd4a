import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findReasoningSettings, loadReasoningAliases, parseReasoningAliases } from './reasoning-aliases.js';

const shipped = fileURLToPath(new URL('../../config/reasoning_aliases.yaml', import.meta.url));

describe('loadReasoningAliases', () => {
  it('should load the shipped file with entries for OpenAI, Claude, Gemini and everything else', () => {
    const config = loadReasoningAliases(shipped);
    expect(findReasoningSettings(config, 'openai:gpt-5-mini', 'none')).toEqual({ reasoningEffort: 'minimal' });
    expect(findReasoningSettings(config, 'o3-mini', 'none')).toEqual({ reasoningEffort: 'low' });
    expect(findReasoningSettings(config, 'anthropic:claude-sonnet-4-5', 'high')).toEqual({ maxReasoningTokens: 32000, temperature: 1 });
    expect(findReasoningSettings(config, 'openrouter:anthropic/claude-3.7-sonnet', 'low')).toMatchObject({ maxReasoningTokens: 2048 });
    expect(findReasoningSettings(config, 'gemini-2.5-pro', 'none')).toEqual({ maxReasoningTokens: 0 });
    expect(findReasoningSettings(config, 'qwen3-coder', 'medium')).toEqual({ reasoningEffort: 'medium' });
  });
});

describe('parseReasoningAliases', () => {
  it('should take the first matching entry, case-insensitively, and miss absent modes', () => {
    const config = parseReasoningAliases(
      'reasoning_alias_settings:\n  - {model: "GPT-4?", modes: {low: {top_p: 0.5, user_prompt_prefix: "be brief "}}}\n  - {model: "*", modes: {high: {}}}',
      'inline',
    );
    expect(findReasoningSettings(config, 'gpt-4o', 'low')).toEqual({ topP: 0.5, userPromptPrefix: 'be brief ' });
    expect(findReasoningSettings(config, 'gpt-4o', 'high')).toBeUndefined();
    expect(findReasoningSettings(config, 'gpt-4.1', 'high')).toEqual({});
  });

  it('should name the source and the problem for bad files', () => {
    expect(() => parseReasoningAliases('reasoning_alias_settings: [{model: 1}]', 'bad.yaml')).toThrow(/^bad\.yaml: .*model/u);
    expect(() => parseReasoningAliases('a: [', 'broken.yaml')).toThrow(/^broken\.yaml: not valid YAML/u);
  });
});
