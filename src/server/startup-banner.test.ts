import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/index.js';
import { startupBanner } from './startup-banner.js';

describe('startupBanner', () => {
  it('should list front-end URLs and backends by key variable, never key values', () => {
    const config = resolveConfig({}, { OPENAI_API_KEY_1: 'sk-value-one', OPENAI_API_KEY_2: 'sk-value-two', LLM_INTERACTIVE_PROXY_API_KEY: 'proxy-value' });
    const banner = startupBanner(config, { main: 'http://127.0.0.1:8000', anthropic: 'http://127.0.0.1:8001' });
    expect(banner).toContain('http://127.0.0.1:8000/v1/chat/completions');
    expect(banner).toContain('http://127.0.0.1:8001/v1/messages');
    expect(banner).toContain('keys: OPENAI_API_KEY_1, OPENAI_API_KEY_2');
    expect(banner).not.toMatch(/sk-value|proxy-value/);
    expect(banner).toContain('Logs: stderr');
  });

  it('should show a generated proxy key exactly once', () => {
    const config = resolveConfig({}, {});
    const banner = startupBanner(config, { main: 'http://127.0.0.1:8000' });
    const key = config.auth.apiKeys[0] ?? '';
    expect(banner.split(key).length - 1).toBe(1);
    expect(banner).toContain('none configured');
  });
});
