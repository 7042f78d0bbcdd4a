export type { Config, BackendConfig, TimeoutConfig, LogLevel } from './config.js';
export type { BackendFamily, BackendDefinition } from './backend-catalog.js';
export { backendCatalog, findBackendDefinition } from './backend-catalog.js';
export { loadApiKeys, type ApiKey, type EnvironmentVariables } from './load-api-keys.js';
export { parseCliFlags, cliHelpText, type CliValues } from './cli-flags.js';
export { resolveConfig, ConfigError } from './resolve-config.js';
export { formatDecodeErrors, errorPath } from './format-decode-errors.js';
