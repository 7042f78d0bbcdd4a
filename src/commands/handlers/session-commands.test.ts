import { describe, expect, it } from 'vitest';
import { createHarness } from '../command-test-kit.js';

describe('processCommands with session commands', () => {
  it('should list every command alphabetically for !/help', () => {
    const text = createHarness().reply('!/help');
    const lines = text.split('\n');
    expect(lines[0]).toBe('Available commands:');
    const names = lines.slice(1).map((line) => /^- (\S+) - /u.exec(line)?.[1]);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['hello', 'set', 'unset', 'oneoff', 'max', 'no-think', 'route-clear', 'pwd']));
  });

  it('should show one command with !/help(cmd), accepting command= and a prefixed name', () => {
    const harness = createHarness();
    expect(harness.reply('!/help(model)')).toContain('model - Set the model');
    expect(harness.reply('!/help(command=oneoff)')).toContain('Format: !/oneoff(backend:model)');
    expect(harness.reply('!/help(!/pwd)')).toContain('pwd - ');
    expect(harness.reply('!/help(no-thinking)')).toContain('Aliases: no-thinking, no-reasoning');
  });

  it('should show help formats with the session prefix', () => {
    const harness = createHarness();
    expect(harness.reply('!/set(command-prefix=#/)')).toBe('Command prefix changed to #/');
    expect(harness.reply('#/help(set)')).toContain('Format: #/set(key=value)');
  });

  it('should answer !/hello with a banner naming the session and set helloRequested', () => {
    const harness = createHarness();
    harness.reply('!/set(project=demo)');
    const text = harness.reply('!/hello');
    expect(text.split('\n')[0]).toBe('Welcome to LLM Interactive Proxy!');
    expect(text).toContain('Session id: session-1');
    expect(text).toContain('Version: 9.9.9');
    expect(text).toContain('Project: demo');
    expect(text).toContain('Functional backends: openai, openrouter, anthropic, gemini');
    expect(text).toContain('!/help');
    expect(harness.session.helloRequested).toBe(true);
  });

  it('should set and unset the model with both argument forms', () => {
    const harness = createHarness();
    expect(harness.reply('!/model(name=gpt-4-turbo)')).toBe('Model changed to gpt-4-turbo');
    expect(harness.reply('!/model(gpt-4o)')).toBe('Model changed to gpt-4o');
    expect(harness.session.model).toBe('gpt-4o');
    expect(harness.reply('!/model(name=openrouter:claude-3-opus)')).toBe('Backend changed to openrouter; Model changed to claude-3-opus');
    expect(harness.session).toMatchObject({ backend: 'openrouter', model: 'claude-3-opus' });
    expect(harness.reply('!/model(openrouter:anthropic/claude-3-haiku:beta)')).toBe(
      'Backend changed to openrouter; Model changed to anthropic/claude-3-haiku:beta',
    );
    expect(harness.reply('!/model(openai/gpt-4o:free)')).toBe('Model changed to openai/gpt-4o:free');
    expect(harness.reply('!/model(name=)')).toBe('Model unset');
    expect(harness.session.model).toBeUndefined();
  });

  it('should reject a model with an unknown backend or an empty side', () => {
    const harness = createHarness();
    expect(harness.reply('!/model(nope:gpt-4)')).toBe(
      "Backend 'nope' is not configured (configured backends: openai, openrouter, anthropic, gemini)",
    );
    expect(harness.reply('!/model(openai:)')).toBe('Invalid model selector. Use backend:model with non-empty backend and model.');
    expect(harness.session.model).toBeUndefined();
  });

  it('should set the backend with !/backend and unset it without a name', () => {
    const harness = createHarness();
    expect(harness.reply('!/backend(openai)')).toBe('Backend changed to openai');
    expect(harness.session.backend).toBe('openai');
    expect(harness.reply('!/backend(name=gemini)')).toBe('Backend changed to gemini');
    expect(harness.reply('!/backend')).toBe('Backend unset');
    expect(harness.session.backend).toBeUndefined();
    expect(harness.reply('!/backend(mystery)')).toContain("Backend 'mystery' is not configured");
  });

  it('should store a one-off route only with an explicit configured backend', () => {
    const harness = createHarness();
    expect(harness.reply('!/oneoff(openrouter:qwen/qwen3-coder)')).toBe('One-off route set to openrouter:qwen/qwen3-coder.');
    expect(harness.session.oneOff).toEqual({ backend: 'openrouter', model: 'qwen/qwen3-coder' });
    expect(harness.reply('!/oneoff(gpt-4o)')).toBe(
      "Invalid selector 'gpt-4o': oneoff requires explicit backend:model; model-only selectors are not allowed.",
    );
    expect(harness.reply('!/oneoff')).toBe('Invalid format. Use backend:model.');
    expect(harness.reply('!/oneoff(openai:)')).toBe('Invalid format. Use backend:model.');
    expect(harness.reply('!/oneoff(backend=openai, model=gpt-4o)')).toBe('One-off route set to openai:gpt-4o.');
    expect(harness.reply('!/oneoff(zzz:m)')).toContain("Backend 'zzz' is not configured");
  });

  it('should set the temperature within 0.0 to 1.0', () => {
    const harness = createHarness();
    expect(harness.reply('!/temperature(0.9)')).toBe('Temperature set to 0.9');
    expect(harness.reply('!/temperature(value=0.2)')).toBe('Temperature set to 0.2');
    expect(harness.session.temperature).toBe(0.2);
    expect(harness.reply('!/temperature(1.5)')).toBe('Temperature must be between 0.0 and 1.0');
    expect(harness.reply('!/temperature(hot)')).toBe('Temperature must be a valid number');
    expect(harness.session.temperature).toBe(0.2);
  });

  it('should report, set and check the project directory', () => {
    const harness = createHarness();
    expect(harness.reply('!/pwd')).toBe('Project directory not set');
    expect(harness.reply('!/project-dir(/home/user/myproject)')).toBe('Project directory set to /home/user/myproject');
    expect(harness.reply('!/pwd')).toBe('/home/user/myproject');
    expect(harness.reply('!/project-dir(path=C:\\work\\app)')).toBe('Project directory set to C:\\work\\app');
    expect(harness.reply('!/project-dir(relative/dir)')).toBe('Project directory must be an absolute path: relative/dir');
    expect(harness.reply('!/project-dir')).toBe('Project directory must be specified');
  });

  it('should set the project with !/project', () => {
    const harness = createHarness();
    expect(harness.reply('!/project(name=my-project)')).toBe('Project changed to my-project');
    expect(harness.reply('!/project(other)')).toBe('Project changed to other');
    expect(harness.session.project).toBe('other');
    expect(harness.reply('!/project')).toBe('Project name must be specified');
  });

  it('should switch interactive mode, toggling without a value', () => {
    const harness = createHarness();
    expect(harness.reply('!/interactive(off)')).toBe('Interactive mode disabled');
    expect(harness.session.interactiveMode).toBe(false);
    expect(harness.reply('!/interactive')).toBe('Interactive mode enabled');
    expect(harness.reply('!/interactive(maybe)')).toBe('Invalid boolean value: maybe');
  });

  it('should switch loop detection with named or positional values', () => {
    const harness = createHarness();
    expect(harness.reply('!/loop-detection(enabled=false)')).toBe('Loop detection disabled');
    expect(harness.session.loopDetection).toBe(false);
    expect(harness.reply('!/loop-detection(true)')).toBe('Loop detection enabled');
    expect(harness.reply('!/loop-detection')).toBe('Boolean value must be specified');
    expect(harness.reply('!/loop-detection(sure)')).toBe('Invalid boolean value: sure');
  });
});

describe('processCommands with reasoning aliases', () => {
  it('should store the matching mode for the session model', () => {
    const harness = createHarness();
    harness.reply('!/model(anthropic:claude-sonnet-4)');
    expect(harness.reply('!/max')).toBe('Reasoning mode set to max.');
    expect(harness.session.reasoningAlias).toEqual({ mode: 'high', settings: { maxReasoningTokens: 32000, temperature: 1 } });
    for (const name of ['no-think', 'no-thinking', 'no-reasoning', 'disable-thinking', 'disable-reasoning']) {
      expect(harness.reply(`!/${name}`)).toBe('Reasoning mode set to no-think.');
      expect(harness.session.reasoningAlias?.mode).toBe('none');
    }
  });

  it('should fall back to the requested model when the session has none', () => {
    const harness = createHarness();
    expect(harness.reply('!/medium')).toBe('Reasoning mode set to medium.');
    expect(harness.session.reasoningAlias).toEqual({ mode: 'medium', settings: { reasoningEffort: 'medium', topP: 0.9 } });
    expect(harness.reply('!/low')).toBe('Reasoning mode set to low.');
  });

  it('should say when no settings match or aliases are not configured', () => {
    const harness = createHarness();
    harness.reply('!/model(mistral-large)');
    expect(harness.reply('!/max')).toBe('No reasoning settings found for model mistral-large.');
    expect(createHarness({ reasoningAliases: null }).reply('!/max')).toBe('Reasoning aliases are not configured.');
  });
});
