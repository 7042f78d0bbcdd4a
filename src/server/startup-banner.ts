import type { Config } from '../config/index.js';

/**
 * The start-up banner: where each front-end listens, which backends have credentials (variable
 * names, never values), and where logs go. A generated proxy key is shown here, once.
 */
export function startupBanner(
  config: Config,
  urls: { readonly main: string; readonly anthropic?: string | undefined },
): string {
  const mainUrl = urls.main;
  const lines = [
    'LLM Interactive Proxy is listening',
    `  OpenAI Chat Completions  ${mainUrl}/v1/chat/completions   (models: ${mainUrl}/v1/models)`,
    `  Anthropic Messages       ${mainUrl}/anthropic/v1/messages${urls.anthropic === undefined ? '' : `   and ${urls.anthropic}/v1/messages`}`,
    `  Gemini                   ${mainUrl}/v1beta/models/{model}:generateContent | :streamGenerateContent`,
    '',
    'Backends:',
  ];
  const backends = Object.values(config.backends);
  if (backends.length === 0) lines.push('  none configured: export OPENAI_API_KEY (or another provider key) and restart');
  for (const backend of backends) {
    const keys = backend.keys.length === 0 ? 'no key' : backend.keys.map((key) => key.name).join(', ');
    const marker = backend.id === config.defaultBackend ? ' (default)' : '';
    lines.push(`  ${backend.id}${marker}  ${backend.baseUrl}  keys: ${keys}`);
  }
  lines.push('', `Logs: ${config.logging.file ?? 'stderr'} (level ${config.logging.level})`);
  if (config.auth.disabled) lines.push('Authentication: DISABLED (listening on 127.0.0.1 only)');
  else if (config.auth.generatedKey) lines.push(`Authentication: generated proxy key (shown once): ${config.auth.apiKeys[0] ?? ''}`);
  else lines.push(`Authentication: ${config.auth.apiKeys.length} configured proxy key(s)`);
  for (const notice of config.notices) lines.push(`Note: ${notice}`);
  return lines.join('\n');
}
