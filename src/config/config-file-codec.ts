import * as t from 'io-ts';
import { strictPartial } from './strict-partial.js';

/** A positive integer (ports, byte counts, token counts). */
const positiveInteger = new t.Type<number, number, unknown>(
  'positive integer',
  (input): input is number => typeof input === 'number' && Number.isInteger(input) && input > 0,
  (input, context) =>
    typeof input === 'number' && Number.isInteger(input) && input > 0 ? t.success(input) : t.failure(input, context),
  t.identity,
);

const positiveNumber = new t.Type<number, number, unknown>(
  'positive number',
  (input): input is number => typeof input === 'number' && input > 0,
  (input, context) => (typeof input === 'number' && input > 0 ? t.success(input) : t.failure(input, context)),
  t.identity,
);

const port = new t.Type<number, number, unknown>(
  'port (1-65535, or 0 for any free port)',
  (input): input is number => typeof input === 'number' && Number.isInteger(input) && input >= 0 && input <= 65535,
  (input, context) =>
    typeof input === 'number' && Number.isInteger(input) && input >= 0 && input <= 65535
      ? t.success(input)
      : t.failure(input, context),
  t.identity,
);

const backendFileCodec = strictPartial(
  {
    /** A catalogue backend id to copy (openai, openrouter, ...) or a family (`openai-compatible`). */
    type: t.string,
    api_base_url: t.string,
    /** The environment variable holding this backend's key (custom backends). */
    api_key_env: t.string,
    /** A static model list: used instead of asking the upstream. */
    models: t.array(t.string),
    headers: t.record(t.string, t.string),
  },
  'backend',
);

/** The YAML configuration file, documented key by key in `config/config.example.yaml`. */
export const configFileCodec = strictPartial(
  {
    host: t.string,
    port,
    anthropic_port: port,
    default_backend: t.string,
    force_model: t.string,
    /** Seconds; the first-byte and between-chunk upstream timeouts. */
    proxy_timeout: positiveNumber,
    body_limit_bytes: positiveInteger,
    models_cache_seconds: positiveNumber,
    timeouts: strictPartial(
      { connect_seconds: positiveNumber, first_byte_seconds: positiveNumber, idle_seconds: positiveNumber },
      'timeouts',
    ),
    auth: strictPartial(
      { disable_auth: t.boolean, api_keys: t.array(t.string) },
      'auth',
    ),
    logging: strictPartial(
      { level: t.keyof({ trace: null, debug: null, info: null, warn: null, error: null, fatal: null, silent: null }), log_file: t.string },
      'logging',
    ),
    backends: t.record(t.string, backendFileCodec),
  },
  'config',
);

export type ConfigFile = t.TypeOf<typeof configFileCodec>;
export type BackendFileEntry = t.TypeOf<typeof backendFileCodec>;
