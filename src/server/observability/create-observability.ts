import type { Config } from '../../config/index.js';
import {
  defaultObservabilityDatabaseFile,
  openAuditStore,
  openObservabilityDatabase,
  openUsageStore,
  startCaptureWorker,
  createRowWriter,
  countPendingTokens,
  startRowWriterWorker,
  type AuditStore,
  type CaptureWriter,
  type UsageStore,
} from '../../observability/index.js';
import { CAPTURE_REDACTION_MARKER, createSecretRedactor, parseIpAllowList, type IpAllowList, type SecretRedactor } from '../../redaction/index.js';

/** The process's observability sinks and secret maskers, built from config once. */
export interface Observability {
  /** Masks configured keys and common key formats in prompts, `(API_KEY_HAS_BEEN_REDACTED)`. */
  readonly promptRedactor: SecretRedactor;
  /** The same secrets with `[REDACTED]`, for captures, audit rows and error bodies. */
  readonly captureRedactor: SecretRedactor;
  readonly capture?: CaptureWriter;
  readonly usage?: UsageStore;
  readonly audit?: AuditStore;
  readonly trustedIps: IpAllowList;
  close(): Promise<void>;
}

export function createObservability(config: Config, options: { readonly now: () => number; readonly onError: (error: unknown) => void }): Observability {
  const knownSecrets = [...Object.values(config.backends).flatMap((backend) => backend.keys.map((key) => key.value)), ...config.auth.apiKeys];
  const settings = config.observability;
  const capture =
    settings.capture === undefined
      ? undefined
      : startCaptureWorker({ ...{}, ...settings.capture, knownSecrets, onError: options.onError });
  const databaseFile = settings.dataDir === ':memory:' ? ':memory:' : defaultObservabilityDatabaseFile(settings.dataDir);
  // This thread's connection reads (and creates the tables); rows are written by a worker on its
  // own connection, except for an in-memory database, which only one connection can see.
  const database = settings.accounting ? openObservabilityDatabase(databaseFile) : undefined;
  const writer =
    database === undefined
      ? undefined
      : databaseFile === ':memory:'
        ? createRowWriter(database, { countTokens: countPendingTokens, onError: options.onError })
        : startRowWriterWorker({ file: databaseFile, onError: options.onError });
  const captureRedactor = createSecretRedactor({ knownSecrets, marker: CAPTURE_REDACTION_MARKER });
  const stores = { retentionDays: settings.retentionDays, now: options.now, onError: options.onError };
  const usage = database === undefined || writer === undefined ? undefined : openUsageStore({ database, writer, ...stores });
  const audit = database === undefined || writer === undefined ? undefined : openAuditStore({ database, writer, redactor: captureRedactor, ...stores });
  return {
    promptRedactor: createSecretRedactor({ knownSecrets }),
    captureRedactor,
    ...(capture === undefined ? {} : { capture }),
    ...(usage === undefined ? {} : { usage }),
    ...(audit === undefined ? {} : { audit }),
    trustedIps: parseIpAllowList([...settings.trustedIps]),
    close: async () => {
      await capture?.close();
      await usage?.close();
      await audit?.close();
      await writer?.close();
      database?.close();
    },
  };
}
