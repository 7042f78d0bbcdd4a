import { describe, expect, it } from 'vitest';
import { createHarness } from '../command-test-kit.js';

describe('processCommands with !/set and !/unset', () => {
  it('should give the seed help block for set', () => {
    expect(createHarness().reply('!/help(set)')).toBe(
      'set - Set a session value.\nFormat: !/set(key=value)\nExamples:\n  !/set(model=anthropic/claude-3-opus-20240229)',
    );
  });

  it.each([
    ['model=gpt-4o', 'Model changed to gpt-4o', { model: 'gpt-4o' }],
    ['model=openrouter:gpt-4', 'Backend changed to openrouter\nModel changed to gpt-4', { backend: 'openrouter', model: 'gpt-4' }],
    ['backend=gemini', 'Backend changed to gemini', { backend: 'gemini' }],
    ['project=my-project', 'Project changed to my-project', { project: 'my-project' }],
    ['project-name=p2', 'Project changed to p2', { project: 'p2' }],
    ['interactive=off', 'Interactive mode disabled', { interactiveMode: false }],
    ['interactive-mode=true', 'Interactive mode enabled', { interactiveMode: true }],
    ['redact-api-keys-in-prompts=NO', 'API key redaction in prompts disabled', { redactApiKeysInPrompts: false }],
    ['command-prefix=$/', 'Command prefix changed to $/', { commandPrefix: '$/' }],
    ['openai_url=https://api.example.com/v1', 'OpenAI URL set to https://api.example.com/v1', { openaiUrl: 'https://api.example.com/v1' }],
    ['loop-detection=false', 'Loop detection disabled', { loopDetection: false }],
    ['tool-loop-detection=false', 'Tool call loop detection disabled', { toolLoop: { enabled: false } }],
    ['tool-loop-max-repeats=4', 'Tool call loop max repeats set to 4', { toolLoop: { maxRepeats: 4 } }],
    ['tool-loop-ttl=120', 'Tool call loop TTL set to 120 seconds', { toolLoop: { ttlSeconds: 120 } }],
    ['tool-loop-mode=chance', 'Tool call loop mode set to chance_then_break', { toolLoop: { mode: 'chance_then_break' } }],
    ['temperature=0.9', 'Temperature set to 0.9', { temperature: 0.9 }],
    ['reasoning-effort=maximum', 'Reasoning effort set to maximum', { reasoningEffort: 'max' }],
    ['thinking-budget=2048', 'Thinking budget set to 2048', { thinkingBudget: 2048 }],
    ['project-dir=/srv/app', 'Project directory set to /srv/app', { projectDir: '/srv/app' }],
  ])('should set %s', (argument, reply, effect) => {
    const harness = createHarness();
    expect(harness.reply(`!/set(${argument})`)).toBe(reply);
    expect(harness.session).toMatchObject(effect);
  });

  it.each([
    ['temperature=2', 'Temperature must be between 0.0 and 1.0'],
    ['temperature=warm', 'Temperature must be a valid number'],
    ['command-prefix=!', 'Invalid command prefix: command prefix must be at least 2 characters'],
    ['command-prefix=##', 'Invalid command prefix: two character prefixes cannot repeat the same character'],
    ['openai-url=ftp://x', 'OpenAI URL must start with http:// or https://'],
    ['tool-loop-max-repeats=1', 'Max repeats must be at least 2'],
    ['tool-loop-max-repeats=many', 'Invalid max repeats value: many. Must be an integer.'],
    ['tool-loop-ttl=0', 'TTL must be at least 1 second'],
    ['tool-loop-mode=stop', 'Invalid loop mode: stop. Use break or chance_then_break.'],
    ['thinking-budget=10', 'Thinking budget must be between 128 and 32768 tokens'],
    ['reasoning-effort=huge', 'Invalid reasoning effort: huge. Use one of: none, minimal, low, medium, high, xhigh, max, maximum'],
    ['interactive=perhaps', 'Invalid boolean value: perhaps'],
    ['project=', 'Project name must be specified'],
    ['model=:x', 'Invalid model selector. Use backend:model with non-empty backend and model.'],
    ['default-backend=nope', "Backend 'nope' is not configured (configured backends: openai, openrouter, anthropic, gemini)"],
  ])('should reject %s with a reason and change nothing', (argument, reply) => {
    const harness = createHarness();
    const before = harness.session;
    const result = harness.send(`!/set(${argument}) please continue`);
    expect(result).toMatchObject({ kind: 'reply', text: reply });
    expect({ ...harness.session, nonForwardable: [] }).toEqual({ ...before, nonForwardable: [] });
  });

  it('should normalise keys and reject duplicates and unknown keys', () => {
    const harness = createHarness();
    expect(harness.reply('!/set(Tool_Loop Mode=break)')).toBe('Tool call loop mode set to break');
    expect(harness.reply('!/set(interactive=on, interactive_mode=off)')).toBe('Duplicate parameter provided: interactive-mode');
    expect(harness.reply('!/set(MODEL=a, model=b)')).toBe('Duplicate parameter provided: model');
    expect(harness.reply('!/set(colour=blue)')).toMatch(/^Unknown parameter: colour\. Known parameters: model, backend, /u);
    expect(harness.reply('!/set')).toBe('No arguments provided.');
  });

  it('should apply several keys at once, or none when one fails', () => {
    const harness = createHarness();
    expect(harness.reply('!/set(model=openai:gpt-4o, temperature=0.5, default-backend=gemini)')).toBe(
      'Backend changed to openai\nModel changed to gpt-4o\nTemperature set to 0.5\nDefault backend changed to gemini',
    );
    expect(harness.defaultBackend).toBe('gemini');
    expect(harness.reply('!/set(default-backend=openai, temperature=9)')).toBe('Temperature must be between 0.0 and 1.0');
    expect(harness.defaultBackend).toBe('gemini');
    expect(harness.session.temperature).toBe(0.5);
  });

  it('should unset keys back to their defaults', () => {
    const harness = createHarness();
    harness.reply('!/set(model=openai:gpt-4o, temperature=0.5, project=p, command-prefix=$/, tool-loop-ttl=5, default-backend=gemini)');
    expect(harness.reply('$/unset(model, temperature, project-name, backend, tool-loop-ttl, default-backend)')).toBe(
      'Model unset\nTemperature unset\nProject unset\nBackend unset\nTool call loop TTL reset to default\nDefault backend unset',
    );
    expect(harness.session).toMatchObject({ commandPrefix: '$/' });
    expect(harness.session.model).toBeUndefined();
    expect(harness.session.toolLoop).toBeUndefined();
    expect(harness.defaultBackend).toBeUndefined();
    expect(harness.reply('$/unset(command_prefix)')).toBe('Command prefix reset to default');
    expect(harness.reply('!/unset(interactive)')).toBe('Interactive mode reset to default');
    expect(harness.reply('!/unset(nothing)')).toMatch(/^Unknown parameter: nothing\./u);
    expect(harness.reply('!/unset')).toBe('No arguments provided.');
  });

  it('should keep other tool-loop fields when one is unset', () => {
    const harness = createHarness();
    harness.reply('!/set(tool-loop-ttl=30, tool-loop-mode=break)');
    harness.reply('!/unset(tool-loop-ttl)');
    expect(harness.session.toolLoop).toEqual({ mode: 'break' });
  });
});
