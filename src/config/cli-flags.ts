import { parseArgs } from 'node:util';
import { backendCatalog } from './backend-catalog.js';

/** Every command-line flag, with the help line the README repeats. */
const flagHelp: Record<string, { type: 'string' | 'boolean'; help: string }> = {
  host: { type: 'string', help: 'address to bind (default 127.0.0.1; env APP_HOST)' },
  port: { type: 'string', help: 'main port (default 8000; env APP_PORT)' },
  'anthropic-port': { type: 'string', help: 'dedicated Anthropic port (default main port + 1; env ANTHROPIC_PORT)' },
  config: { type: 'string', help: 'YAML configuration file (see config/config.example.yaml)' },
  'default-backend': { type: 'string', help: 'backend for bare model names (env LLM_BACKEND)' },
  'disable-auth': { type: 'boolean', help: 'accept requests without a proxy key; forces host 127.0.0.1 (env DISABLE_AUTH)' },
  'force-model': { type: 'string', help: 'use this [backend:]model for every request, whatever the client asks' },
  'force-context-window': { type: 'string', help: 'context window (tokens) enforced for every model (env FORCE_CONTEXT_WINDOW)' },
  timeout: { type: 'string', help: 'seconds to wait for the upstream first byte and between chunks (default 120; env PROXY_TIMEOUT)' },
  'connect-timeout': { type: 'string', help: 'seconds to wait for an upstream connection (default 10)' },
  'max-body-bytes': { type: 'string', help: 'largest request body accepted, else 413 (default 33554432)' },
  log: { type: 'string', help: 'write logs to FILE instead of stderr' },
  'log-level': { type: 'string', help: 'trace, debug, info, warn, error or silent (default info; env LOG_LEVEL)' },
  help: { type: 'boolean', help: 'print this help and exit' },
  ...Object.fromEntries(
    backendCatalog.map((definition) => [
      `${definition.id}-api-base-url`,
      { type: 'string' as const, help: `base URL of the ${definition.id} backend (env ${definition.baseUrlEnv})` },
    ]),
  ),
};

export type CliValues = Readonly<Record<string, string | boolean | undefined>>;

/** Parses `argv` (without node and script); unknown flags are an error naming the flag. */
export function parseCliFlags(argv: readonly string[]): CliValues {
  const options = Object.fromEntries(Object.entries(flagHelp).map(([name, flag]) => [name, { type: flag.type }]));
  const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  return values as CliValues;
}

export function cliHelpText(): string {
  const lines = Object.entries(flagHelp).map(([name, flag]) => {
    const left = flag.type === 'string' ? `--${name} VALUE` : `--${name}`;
    return `  ${left.padEnd(38)} ${flag.help}`;
  });
  return ['Usage: npm start -- [flags]', '', 'Flags:', ...lines].join('\n');
}
