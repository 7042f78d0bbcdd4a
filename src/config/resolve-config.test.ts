import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliFlags } from './cli-flags.js';
import { ConfigError, resolveConfig } from './resolve-config.js';
import { temporaryDirectory } from '../../test/temp-directory.js';

function yamlFile(text: string): string {
  const path = join(temporaryDirectory('lip-config-'), 'config.yaml');
  writeFileSync(path, text);
  return path;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig', () => {
  it('should default to 127.0.0.1:8000 with the Anthropic port one above', () => {
    const config = resolveConfig({}, {});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8000);
    expect(config.anthropicPort).toBe(8001);
  });

  it('should apply CLI over environment over YAML over defaults', () => {
    const file = yamlFile('port: 7000\nhost: 0.0.0.0\n');
    expect(resolveConfig(parseCliFlags(['--config', file]), {}).port).toBe(7000);
    expect(resolveConfig(parseCliFlags(['--config', file]), { APP_PORT: '7100' }).port).toBe(7100);
    expect(resolveConfig(parseCliFlags(['--config', file, '--port', '7200']), { APP_PORT: '7100' }).port).toBe(7200);
  });

  it('should load backends that have keys, with base URLs in the vendor convention', () => {
    const config = resolveConfig({}, { OPENAI_API_KEY: 'sk-a', OPENROUTER_API_KEY_1: 'or-1', OPENROUTER_API_KEY_2: 'or-2' });
    expect(Object.keys(config.backends)).toEqual(['openai', 'openrouter']);
    expect(config.backends.openai?.baseUrl).toBe('https://api.openai.com/v1');
    expect(config.backends.openrouter?.keys.map((key) => key.name)).toEqual(['OPENROUTER_API_KEY_1', 'OPENROUTER_API_KEY_2']);
    expect(config.backends.openrouter?.headers['X-Title']).toBe('InterceptorProxy');
    expect(config.defaultBackend).toBe('openai');
  });

  it('should take base URLs from flags, then environment, then YAML', () => {
    const file = yamlFile('backends:\n  openai:\n    api_base_url: http://yaml.example/v1\n');
    const environment = { OPENAI_API_KEY: 'k', OPENAI_API_BASE_URL: 'http://env.example/v1/' };
    expect(resolveConfig(parseCliFlags(['--config', file]), { OPENAI_API_KEY: 'k' }).backends.openai?.baseUrl).toBe('http://yaml.example/v1');
    expect(resolveConfig(parseCliFlags(['--config', file]), environment).backends.openai?.baseUrl).toBe('http://env.example/v1');
    expect(
      resolveConfig(parseCliFlags(['--config', file, '--openai-api-base-url', 'http://cli.example/v1']), environment).backends.openai?.baseUrl,
    ).toBe('http://cli.example/v1');
  });

  it('should accept a custom OpenAI-compatible backend from YAML', () => {
    const file = yamlFile('backends:\n  local:\n    type: openai-compatible\n    api_base_url: http://127.0.0.1:1234/v1\n    api_key_env: LOCAL_KEY\n    models: [a, b]\n');
    const config = resolveConfig(parseCliFlags(['--config', file, '--default-backend', 'local']), { LOCAL_KEY: 'x' });
    expect(config.backends.local).toMatchObject({ family: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1', models: ['a', 'b'] });
    expect(config.defaultBackend).toBe('local');
  });

  it('should name the key path of every problem in the YAML file', () => {
    const file = yamlFile('port: eighty\nbackends:\n  openai:\n    api_base_urll: http://x\nauth:\n  disable_auth: maybe\n');
    const problems = problemsOf(() => resolveConfig(parseCliFlags(['--config', file]), {}));
    expect(problems.some((problem) => problem.includes('port: expected port'))).toBe(true);
    expect(problems.some((problem) => problem.includes("backends.openai.api_base_urll: unknown key 'api_base_urll'"))).toBe(true);
    expect(problems.some((problem) => problem.includes('auth.disable_auth: expected boolean'))).toBe(true);
  });

  it('should reject bad environment values, naming the variable', () => {
    expect(problemsOf(() => resolveConfig({}, { APP_PORT: 'abc' }))).toEqual(["APP_PORT: expected a port number, got 'abc'"]);
    expect(problemsOf(() => resolveConfig({}, { DISABLE_AUTH: 'perhaps' }))[0]).toMatch(/^DISABLE_AUTH/);
  });

  it('should reject a mix of single and numbered keys at start-up', () => {
    expect(problemsOf(() => resolveConfig({}, { OPENAI_API_KEY: 'a', OPENAI_API_KEY_1: 'b' }))[0]).toMatch(/OPENAI_API_KEY and OPENAI_API_KEY_1/);
  });

  it('should reject a default backend without credentials, saying which variable to set', () => {
    expect(problemsOf(() => resolveConfig(parseCliFlags(['--default-backend', 'gemini']), {}))[0]).toMatch(/set GEMINI_API_KEY/);
    expect(problemsOf(() => resolveConfig({}, { LLM_BACKEND: 'nope' }))[0]).toMatch(/not a known backend/);
  });

  it('should generate a proxy key when none is configured, and accept LLM_INTERACTIVE_PROXY_API_KEY and API_KEYS', () => {
    const generated = resolveConfig({}, {});
    expect(generated.auth.generatedKey).toBe(true);
    expect(generated.auth.apiKeys[0]).toMatch(/^lip-/);
    const configured = resolveConfig({}, { LLM_INTERACTIVE_PROXY_API_KEY: 'one', API_KEYS: 'two, three' });
    expect(configured.auth).toMatchObject({ generatedKey: false, apiKeys: ['one', 'two', 'three'] });
  });

  it('should force 127.0.0.1 when auth is disabled', () => {
    const config = resolveConfig(parseCliFlags(['--disable-auth', '--host', '0.0.0.0']), {});
    expect(config.host).toBe('127.0.0.1');
    expect(config.auth).toMatchObject({ disabled: true, apiKeys: [] });
    expect(config.notices[0]).toMatch(/forced/);
  });

  it('should set both upstream timeouts from --timeout and keep an explicit connect timeout', () => {
    const config = resolveConfig(parseCliFlags(['--timeout', '5', '--connect-timeout', '2']), {});
    expect(config.timeouts).toEqual({ connectMs: 2000, firstByteMs: 5000, idleMs: 5000 });
  });

  it('should reject unknown flags', () => {
    expect(() => parseCliFlags(['--no-such-flag'])).toThrow(/no-such-flag/);
  });

  it('should freeze the result', () => {
    const config = resolveConfig({}, { OPENAI_API_KEY: 'k' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.backends.openai)).toBe(true);
  });
});

describe('config/config.example.yaml', () => {
  it('should be a valid configuration as shipped', () => {
    const path = new URL('../../config/config.example.yaml', import.meta.url).pathname;
    const config = resolveConfig(parseCliFlags(['--config', path]), {});
    expect(config.port).toBe(8000);
    expect(config.backends.openai?.baseUrl).toBe('https://api.openai.com/v1');
  });
});
