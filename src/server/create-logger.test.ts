import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { temporaryDirectory } from '../../test/temp-directory.js';

describe('createLogger', () => {
  it('should mask authorization headers and keys in every line', async () => {
    const file = join(temporaryDirectory('lip-log-'), 'proxy.log');
    const logger = createLogger({ logging: { level: 'info', file } });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer sk-secret-1', 'x-api-key': 'sk-secret-2', 'x-goog-api-key': 'AIza-secret-3' } },
        key: { name: 'OPENAI_API_KEY', value: 'sk-secret-4' },
        backend: { apiKey: 'sk-secret-5' },
      },
      'request',
    );
    logger.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('OPENAI_API_KEY');
    expect(text).toContain('[REDACTED]');
    expect(text).not.toMatch(/secret/);
  });
});
