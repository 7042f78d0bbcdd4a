import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/lib/Either.js';
import { createRequire } from 'node:module';
import { backendCatalog, backendFamilies, findBackendDefinition, type BackendFamily } from './backend-catalog.js';
import type { CliValues } from './cli-flags.js';
import { configFileCodec, type BackendFileEntry, type ConfigFile } from './config-file-codec.js';
import type { BackendConfig, Config, LogLevel } from './config.js';
import { createConfigReader, nonEmpty, splitList, stringValue } from './config-reader.js';
import { formatDecodeErrors } from './format-decode-errors.js';
import { loadApiKeys, type ApiKey, type EnvironmentVariables } from './load-api-keys.js';
import { resolveSteering } from './resolve-steering.js';
import { resolveRouting } from './resolve-routing.js';
import { resolveObservability } from './resolve-observability.js';
import { validateCommandPrefix } from '../commands/parsing/validate-command-prefix.js';

/** A configuration problem: the process prints `message` and exits non-zero. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const logLevels: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * Resolves the configuration from CLI flags, environment and the YAML file, in that order of
 * precedence over built-in defaults. Every problem found is collected, so the user sees all of
 * them at once, each naming its flag, variable or key path.
 */
export function resolveConfig(cli: CliValues, environment: EnvironmentVariables): Config {
  const problems: string[] = [];
  const notices: string[] = [];
  const configFile = stringValue(cli.config);
  const file = configFile === undefined ? {} : readConfigFile(configFile, problems);

  const read = createConfigReader(cli, environment, problems);
  const isPort = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= 65535;
  const isPositive = (value: number): boolean => value > 0;

  const authDisabled = read.boolean('disable-auth', 'DISABLE_AUTH', file.auth?.disable_auth) ?? false;
  let host = read.string('host', 'APP_HOST', file.host) ?? '127.0.0.1';
  if (authDisabled && host !== '127.0.0.1') {
    notices.push(`authentication is disabled, so the host is forced from ${host} to 127.0.0.1`);
    host = '127.0.0.1';
  }
  const port = read.number('port', 'APP_PORT', file.port, isPort, 'a port number') ?? 8000;
  const anthropicPort =
    read.number('anthropic-port', 'ANTHROPIC_PORT', file.anthropic_port, isPort, 'a port number') ?? (port === 0 ? 0 : port + 1);

  const proxyTimeout = read.number('timeout', 'PROXY_TIMEOUT', file.proxy_timeout, isPositive, 'seconds > 0');
  const connectSeconds = read.number('connect-timeout', undefined, file.timeouts?.connect_seconds, isPositive, 'seconds > 0') ?? 10;
  const firstByteSeconds = stringValue(cli.timeout) !== undefined ? proxyTimeout : file.timeouts?.first_byte_seconds ?? proxyTimeout;
  const idleSeconds = stringValue(cli.timeout) !== undefined ? proxyTimeout : file.timeouts?.idle_seconds ?? proxyTimeout;

  const levelText = read.string('log-level', 'LOG_LEVEL', file.logging?.level) ?? 'info';
  const level = logLevels.find((candidate) => candidate === levelText);
  if (level === undefined) problems.push(`log level: expected one of ${logLevels.join(', ')}, got '${levelText}'`);

  const backends = resolveBackends(cli, environment, file, problems);
  const defaultBackend = read.string('default-backend', 'LLM_BACKEND', file.default_backend) ?? firstWithKeys(backends);
  if (defaultBackend !== undefined && backends[defaultBackend] === undefined) {
    const known = findBackendDefinition(defaultBackend);
    problems.push(
      known === undefined
        ? `default backend '${defaultBackend}' is not a known backend (known: ${[...new Set([...backendCatalog.map((definition) => definition.id), ...Object.keys(backends)])].join(', ')})`
        : `default backend '${defaultBackend}' has no credentials: set ${known.keyEnv[0]}`,
    );
  }

  const apiKeys = [
    ...splitList(environment.LLM_INTERACTIVE_PROXY_API_KEY),
    ...splitList(environment.API_KEYS),
    ...(file.auth?.api_keys ?? []),
  ];
  const generatedKey = !authDisabled && apiKeys.length === 0;
  if (generatedKey) apiKeys.push(`lip-${randomBytes(24).toString('base64url')}`);

  const bodyLimitBytes = read.number('max-body-bytes', undefined, file.body_limit_bytes, (value) => Number.isInteger(value) && value > 0, 'a positive integer') ?? 32 * 1024 * 1024;

  const steering = resolveSteering(file, environment, problems);
  const observability = resolveObservability(read, file);
  const commandPrefix = read.string('command-prefix', 'COMMAND_PREFIX', file.command_prefix) ?? '!/';
  const prefixProblem = validateCommandPrefix(commandPrefix);
  if (prefixProblem !== undefined) problems.push(`command prefix '${commandPrefix}': ${prefixProblem}`);
  const reasoningAliasesFile = read.string('reasoning-aliases-file', 'REASONING_ALIASES_FILE', file.reasoning_aliases_file);
  const forceContextWindow = read.number('force-context-window', 'FORCE_CONTEXT_WINDOW', file.force_context_window, (value) => Number.isInteger(value) && value > 0, 'a positive integer');
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze({
    host,
    port,
    anthropicPort,
    ...(configFile === undefined ? {} : { configFile }),
    ...(defaultBackend === undefined ? {} : { defaultBackend }),
    backends,
    timeouts: {
      connectMs: connectSeconds * 1000,
      firstByteMs: (firstByteSeconds ?? 120) * 1000,
      idleMs: (idleSeconds ?? 120) * 1000,
    },
    bodyLimitBytes,
    modelsCacheMs: (file.models_cache_seconds ?? 300) * 1000,
    ...optional('forceModel', read.string('force-model', 'FORCE_MODEL', file.force_model)),
    auth: {
      disabled: authDisabled,
      apiKeys: authDisabled ? [] : apiKeys,
      generatedKey,
    },
    steering,
    routing: resolveRouting(file),
    observability,
    commands: {
      prefix: commandPrefix,
      disabled: read.boolean('disable-interactive-commands', 'DISABLE_INTERACTIVE_COMMANDS', file.disable_interactive_commands) ?? false,
      forceSetProject: read.boolean('force-set-project', 'FORCE_SET_PROJECT', file.force_set_project) ?? false,
      ...optional('reasoningAliasesFile', reasoningAliasesFile),
    },
    ...optional('forceContextWindow', forceContextWindow),
    logging: { level: level ?? 'info', ...optional('file', read.string('log', 'LOG_FILE', file.logging?.log_file)) },
    notices,
  });
}

// The YAML parser is needed only with --config: loaded then, not at every start.
const load = createRequire(import.meta.url);
const parseYaml = (text: string): unknown => (load('yaml') as typeof import('yaml')).parse(text);

function readConfigFile(path: string, problems: string[]): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(`--config ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text) ?? {};
  } catch (error) {
    problems.push(`--config ${path}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return {};
  }
  const decoded = configFileCodec.decode(parsed);
  if (isLeft(decoded)) {
    problems.push(...formatDecodeErrors(decoded.left).map((line) => `${path}: ${line}`));
    return {};
  }
  return decoded.right;
}

function resolveBackends(
  cli: CliValues,
  environment: EnvironmentVariables,
  file: ConfigFile,
  problems: string[],
): Record<string, BackendConfig> {
  const backends: Record<string, BackendConfig> = {};
  for (const definition of backendCatalog) {
    const entry = file.backends?.[definition.id];
    const keys = loadFirstKeySet(environment, entry?.api_key_env === undefined ? definition.keyEnv : [entry.api_key_env], problems);
    const urlOverride = stringValue(cli[`${definition.id}-api-base-url`]) ?? nonEmpty(environment[definition.baseUrlEnv]) ?? entry?.api_base_url;
    if (keys.length === 0 && urlOverride === undefined && entry === undefined) continue;
    backends[definition.id] = makeBackend(definition.id, definition.family, urlOverride ?? definition.defaultBaseUrl, keys, entry, {
      ...definition.identityHeaders,
    }, problems);
  }
  for (const [id, entry] of Object.entries(file.backends ?? {})) {
    if (findBackendDefinition(id) !== undefined) continue;
    const template = entry.type === undefined ? undefined : findBackendDefinition(entry.type);
    const family = template?.family ?? backendFamilies.find((candidate) => candidate === entry.type);
    if (family === undefined) {
      problems.push(`backends.${id}.type: expected a backend id (${backendCatalog.map((definition) => definition.id).join(', ')}) or a family (${backendFamilies.join(', ')}), got '${entry.type ?? ''}'`);
      continue;
    }
    const baseUrl = entry.api_base_url ?? template?.defaultBaseUrl;
    if (baseUrl === undefined) {
      problems.push(`backends.${id}.api_base_url: required for a custom backend`);
      continue;
    }
    const keys = entry.api_key_env === undefined ? [] : loadFirstKeySet(environment, [entry.api_key_env], problems);
    backends[id] = makeBackend(id, family, baseUrl, keys, entry, { ...template?.identityHeaders }, problems);
  }
  return backends;
}

function makeBackend(
  id: string,
  family: BackendFamily,
  baseUrl: string,
  keys: readonly ApiKey[],
  entry: BackendFileEntry | undefined,
  headers: Record<string, string>,
  problems: string[],
): BackendConfig {
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) problems.push(`${id} base URL: expected an http(s) URL, got '${baseUrl}'`);
  return {
    id,
    family,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    keys,
    ...(entry?.models === undefined ? {} : { models: Array.isArray(entry.models) ? entry.models : Object.keys(entry.models) }),
    headers: { ...{}, ...headers, ...entry?.headers },
  };
}

function loadFirstKeySet(environment: EnvironmentVariables, names: readonly string[], problems: string[]): readonly ApiKey[] {
  for (const name of names) {
    const loaded = loadApiKeys(environment, name);
    if ('error' in loaded) {
      problems.push(loaded.error);
      return [];
    }
    if (loaded.keys.length > 0) return loaded.keys;
  }
  return [];
}

function firstWithKeys(backends: Record<string, BackendConfig>): string | undefined {
  const all = Object.values(backends);
  return (all.find((backend) => backend.keys.length > 0) ?? all[0])?.id;
}





function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
