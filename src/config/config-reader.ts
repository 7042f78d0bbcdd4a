import type { CliValues } from './cli-flags.js';
import type { EnvironmentVariables } from './load-api-keys.js';

/**
 * Reads one setting from its three sources in precedence order — CLI flag, environment
 * variable, YAML value — recording a problem (naming the flag or variable) for a bad value.
 */
export interface ConfigReader {
  string(flag: string | undefined, env: string | undefined, fileValue: string | undefined): string | undefined;
  boolean(flag: string | undefined, env: string | undefined, fileValue: boolean | undefined): boolean | undefined;
  number(
    flag: string | undefined,
    env: string | undefined,
    fileValue: number | undefined,
    check: (value: number) => boolean,
    what: string,
  ): number | undefined;
  /** A repeatable flag, a comma-separated variable, or a YAML list (the first source present wins). */
  list(flag: string | undefined, env: string | undefined, fileValue: readonly string[] | undefined): readonly string[] | undefined;
}

export function createConfigReader(cli: CliValues, environment: EnvironmentVariables, problems: string[]): ConfigReader {
  const fromCli = (flag: string | undefined): string | undefined => (flag === undefined ? undefined : stringValue(cli[flag]));
  const fromEnv = (env: string | undefined): string | undefined => (env === undefined ? undefined : nonEmpty(environment[env]));
  return {
    string: (flag, env, fileValue) => fromCli(flag) ?? fromEnv(env) ?? fileValue,
    boolean: (flag, env, fileValue) => {
      if (flag !== undefined && cli[flag] === true) return true;
      const text = fromEnv(env);
      if (text === undefined) return fileValue;
      const parsed = parseBoolean(text);
      if (parsed === undefined) problems.push(`${env ?? ''}: expected true or false, got '${text}'`);
      return parsed ?? fileValue;
    },
    number: (flag, env, fileValue, check, what) => {
      const cliText = fromCli(flag);
      const text = cliText ?? fromEnv(env);
      if (text === undefined) return fileValue;
      const value = Number(text);
      if (!Number.isFinite(value) || !check(value)) {
        problems.push(`${cliText === undefined ? env ?? '' : `--${flag ?? ''}`}: expected ${what}, got '${text}'`);
        return fileValue;
      }
      return value;
    },
    list: (flag, env, fileValue) => {
      const cliValue = flag === undefined ? undefined : cli[flag];
      if (Array.isArray(cliValue) && cliValue.length > 0) return cliValue.flatMap(splitList);
      if (typeof cliValue === 'string') return splitList(cliValue);
      const text = fromEnv(env);
      return text === undefined ? fileValue : splitList(text);
    },
  };
}

export function stringValue(value: CliValues[string]): string | undefined {
  return typeof value === 'string' ? nonEmpty(value) : undefined;
}

export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed.length === 0 ? undefined : trimmed;
}

export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

function parseBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
  if (['0', 'false', 'no', 'off'].includes(lower)) return false;
  return undefined;
}
