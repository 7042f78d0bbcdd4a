import type { ConfigFile } from './config-file-codec.js';
import type { ConfigReader } from './config-reader.js';

export interface CaptureConfig {
  readonly file: string;
  readonly bufferBytes: number;
  readonly flushIntervalMs: number;
  readonly maxEntriesPerFlush: number;
  readonly maxBytes?: number;
  readonly maxFiles: number;
  readonly totalMaxBytes: number;
  readonly rotateIntervalMs?: number;
}

export interface ObservabilityConfig {
  /** Wire capture, when `--capture-file` (or `logging.capture_file`) is set. */
  readonly capture?: CaptureConfig;
  /** Where the usage and audit database lives (`<dataDir>/proxy.db`). */
  readonly dataDir: string;
  /** Usage and audit records on (off with `--disable-accounting`). */
  readonly accounting: boolean;
  readonly retentionDays: number;
  /** Proxy-auth bypass: addresses and CIDR ranges. */
  readonly trustedIps: readonly string[];
  /** Mask API keys found in prompts before forwarding (session toggle refines it). */
  readonly redactApiKeysInPrompts: boolean;
}

const positiveInteger = (value: number): boolean => Number.isInteger(value) && value > 0;
const positive = (value: number): boolean => value > 0;

/** Capture, usage database, audit, trusted IPs and prompt redaction: flags > environment > YAML > defaults. */
export function resolveObservability(read: ConfigReader, file: ConfigFile): ObservabilityConfig {
  const logging = file.logging ?? {};
  const captureFile = read.string('capture-file', 'CAPTURE_FILE', logging.capture_file);
  const maxBytes = read.number('capture-max-bytes', 'CAPTURE_MAX_BYTES', logging.capture_max_bytes, positiveInteger, 'a positive integer');
  const rotateSeconds = read.number('capture-rotate-interval', 'CAPTURE_ROTATE_INTERVAL_SECONDS', logging.capture_rotate_interval_seconds, positive, 'seconds > 0');
  const capture: CaptureConfig | undefined =
    captureFile === undefined
      ? undefined
      : {
          file: captureFile,
          bufferBytes: read.number('capture-buffer-size', 'CAPTURE_BUFFER_SIZE', logging.capture_buffer_size, positiveInteger, 'a positive integer') ?? 65_536,
          flushIntervalMs: (read.number('capture-flush-interval', 'CAPTURE_FLUSH_INTERVAL', logging.capture_flush_interval, positive, 'seconds > 0') ?? 1) * 1000,
          maxEntriesPerFlush:
            read.number('capture-max-entries-per-flush', 'CAPTURE_MAX_ENTRIES_PER_FLUSH', logging.capture_max_entries_per_flush, positiveInteger, 'a positive integer') ?? 100,
          ...(maxBytes === undefined ? {} : { maxBytes }),
          maxFiles: read.number('capture-max-files', 'CAPTURE_MAX_FILES', logging.capture_max_files, positiveInteger, 'a positive integer') ?? 5,
          totalMaxBytes: read.number('capture-total-max-bytes', 'CAPTURE_TOTAL_MAX_BYTES', logging.capture_total_max_bytes, positiveInteger, 'a positive integer') ?? 524_288_000,
          ...(rotateSeconds === undefined ? {} : { rotateIntervalMs: rotateSeconds * 1000 }),
        };
  const usage = file.usage ?? {};
  return {
    ...{},
    ...(capture === undefined ? {} : { capture }),
    dataDir: read.string('data-dir', 'DATA_DIR', file.data_dir) ?? 'var',
    accounting: !(read.boolean('disable-accounting', 'DISABLE_ACCOUNTING', usage.enabled === undefined ? undefined : !usage.enabled) ?? false),
    retentionDays: read.number('usage-retention-days', 'USAGE_RETENTION_DAYS', usage.retention_days, positive, 'days > 0') ?? 90,
    trustedIps: read.list('trusted-ip', 'TRUSTED_IPS', file.auth?.trusted_ips) ?? [],
    redactApiKeysInPrompts: !(read.boolean('disable-redact-api-keys-in-prompts', undefined, undefined) ?? false) && (read.boolean(undefined, 'REDACT_API_KEYS_IN_PROMPTS', file.redact_api_keys_in_prompts) ?? true),
  };
}
