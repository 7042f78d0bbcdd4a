import { parseArgs } from 'node:util';
import { backendCatalog } from './backend-catalog.js';

/** Every command-line flag, with the help line the README repeats. */
const flagHelp: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; help: string }> = {
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
  'capture-file': { type: 'string', help: 'record upstream requests and streams as JSON lines in FILE (env CAPTURE_FILE)' },
  'capture-max-bytes': { type: 'string', help: 'rotate the capture file at this size (env CAPTURE_MAX_BYTES)' },
  'capture-max-files': { type: 'string', help: 'rotated capture files kept (default 5; env CAPTURE_MAX_FILES)' },
  'capture-total-max-bytes': { type: 'string', help: 'cap on the capture file and its rotations (default 500 MB; env CAPTURE_TOTAL_MAX_BYTES)' },
  'capture-rotate-interval': { type: 'string', help: 'also rotate every N seconds (env CAPTURE_ROTATE_INTERVAL_SECONDS)' },
  'capture-buffer-size': { type: 'string', help: 'capture write buffer in bytes (default 65536; env CAPTURE_BUFFER_SIZE)' },
  'capture-flush-interval': { type: 'string', help: 'seconds between capture flushes (default 1; env CAPTURE_FLUSH_INTERVAL)' },
  'capture-max-entries-per-flush': { type: 'string', help: 'queued entries that start a flush (default 100; env CAPTURE_MAX_ENTRIES_PER_FLUSH)' },
  'data-dir': { type: 'string', help: 'directory of the usage and audit database (default ./var; env DATA_DIR)' },
  'disable-accounting': { type: 'boolean', help: 'do not record usage and audit rows (env DISABLE_ACCOUNTING)' },
  'usage-retention-days': { type: 'string', help: 'delete usage and audit rows older than this (default 90; env USAGE_RETENTION_DAYS)' },
  'trusted-ip': { type: 'string', multiple: true, help: 'address or CIDR range that needs no proxy key; repeatable (env TRUSTED_IPS, comma-separated)' },
  'disable-redact-api-keys-in-prompts': { type: 'boolean', help: 'do not mask API keys found in prompts (env REDACT_API_KEYS_IN_PROMPTS=false)' },
  'command-prefix': { type: 'string', help: 'prefix of in-chat commands (default !/; env COMMAND_PREFIX)' },
  'disable-interactive-commands': { type: 'boolean', help: 'do not read in-chat commands at all (env DISABLE_INTERACTIVE_COMMANDS)' },
  'force-set-project': { type: 'boolean', help: 'refuse prompts until the session sets a project (env FORCE_SET_PROJECT)' },
  'reasoning-aliases-file': { type: 'string', help: 'YAML of the !/max, !/medium, !/low, !/no-think modes (default config/reasoning_aliases.yaml)' },
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

export type CliValues = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/** Parses `argv` (without node and script); unknown flags are an error naming the flag. */
export function parseCliFlags(argv: readonly string[]): CliValues {
  const options = Object.fromEntries(Object.entries(flagHelp).map(([name, flag]) => [name, { type: flag.type, multiple: flag.multiple === true }]));
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
