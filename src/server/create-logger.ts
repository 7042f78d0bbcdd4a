import { pino, type Logger } from 'pino';
import type { Config } from '../config/index.js';

/** Paths pino masks in every log line: credentials never reach a log. */
export const redactedLogPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-goog-api-key"]',
  'req.headers["api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  '*.apiKey',
  '*.api_key',
  'key.value',
];

/** The root logger: to `--log FILE` when given, else stderr. */
export function createLogger(config: Pick<Config, 'logging'>): Logger {
  const destination = config.logging.file === undefined ? pino.destination(2) : pino.destination({ dest: config.logging.file, mkdir: true });
  return pino({ level: config.logging.level, redact: { paths: redactedLogPaths, censor: '[REDACTED]' } }, destination);
}
