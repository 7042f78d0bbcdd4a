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

const limitsCodec = strictPartial(
  {
    context_window: positiveInteger,
    max_input_tokens: positiveInteger,
    max_output_tokens: positiveInteger,
    requests_per_minute: positiveInteger,
    tokens_per_minute: positiveInteger,
  },
  'limits',
);

const modelSettingsCodec = strictPartial(
  {
    limits: limitsCodec,
    loop_detection_enabled: t.boolean,
    tool_loop_detection_enabled: t.boolean,
    tool_loop_max_repeats: positiveInteger,
    tool_loop_ttl_seconds: positiveInteger,
    tool_loop_mode: t.keyof({ break: null, chance_then_break: null, chance: null }),
  },
  'model settings',
);

const backendFileCodec = strictPartial(
  {
    /** A catalogue backend id to copy (openai, openrouter, ...) or a family (`openai-compatible`). */
    type: t.string,
    api_base_url: t.string,
    /** The environment variable holding this backend's key (custom backends). */
    api_key_env: t.string,
    /** A static model list (used instead of asking the upstream), or models with their limits. */
    models: t.union([t.array(t.string), t.record(t.string, modelSettingsCodec)]),
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
    auth: strictPartial({ disable_auth: t.boolean, api_keys: t.array(t.string), trusted_ips: t.array(t.string) }, 'auth'),
    logging: strictPartial(
      {
        level: t.keyof({ trace: null, debug: null, info: null, warn: null, error: null, fatal: null, silent: null }),
        log_file: t.string,
        capture_file: t.string,
        capture_buffer_size: positiveInteger,
        capture_flush_interval: positiveNumber,
        capture_max_entries_per_flush: positiveInteger,
        capture_max_bytes: positiveInteger,
        capture_max_files: positiveInteger,
        capture_total_max_bytes: positiveInteger,
        capture_rotate_interval_seconds: positiveNumber,
      },
      'logging',
    ),
    data_dir: t.string,
    command_prefix: t.string,
    disable_interactive_commands: t.boolean,
    force_set_project: t.boolean,
    reasoning_aliases_file: t.string,
    usage: strictPartial({ enabled: t.boolean, retention_days: positiveNumber }, 'usage'),
    redact_api_keys_in_prompts: t.boolean,
    backends: t.record(t.string, backendFileCodec),
    loop_detection: strictPartial(
      {
        enabled: t.boolean,
        buffer_size: positiveInteger,
        max_pattern_length: positiveInteger,
        content_chunk_size: positiveInteger,
        content_loop_threshold: positiveInteger,
        max_history_length: positiveInteger,
        analysis_interval: positiveInteger,
      },
      'loop_detection',
    ),
    tool_loop_detection: strictPartial(
      { enabled: t.boolean, max_repeats: positiveInteger, ttl_seconds: positiveInteger, mode: t.string },
      'tool_loop_detection',
    ),
    session: strictPartial(
      { tool_call_repair_enabled: t.boolean, tool_call_repair_buffer_cap_bytes: positiveInteger, json_repair_enabled: t.boolean },
      'session',
    ),
    empty_response: strictPartial({ enabled: t.boolean, prompt: t.string }, 'empty_response'),
    force_context_window: positiveInteger,
    model_defaults: t.record(t.string, modelSettingsCodec),
    failover_routes: t.record(
      t.string,
      t.type({ policy: t.keyof({ k: null, m: null, km: null, mk: null }), elements: t.array(t.string) }, 'failover route'),
    ),
    failure_handling: strictPartial(
      {
        max_attempts: positiveInteger,
        total_timeout_budget_seconds: positiveNumber,
        circuit_failure_threshold: positiveInteger,
        circuit_cooldown_seconds: positiveNumber,
      },
      'failure_handling',
    ),
  },
  'config',
);

export type ConfigFile = t.TypeOf<typeof configFileCodec>;
export type BackendFileEntry = t.TypeOf<typeof backendFileCodec>;
export type ModelSettingsEntry = t.TypeOf<typeof modelSettingsCodec>;
