import type { Config } from '../../config/index.js';
import {
  defaultObservabilityDatabaseFile,
  openAuditStore,
  openObservabilityDatabase,
  openUsageStore,
  startCaptureWorker,
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
      : startCaptureWorker({ ...settings.capture, knownSecrets, onError: options.onError });
  const database = settings.accounting
    ? openObservabilityDatabase(settings.dataDir === ':memory:' ? ':memory:' : defaultObservabilityDatabaseFile(settings.dataDir))
    : undefined;
  const captureRedactor = createSecretRedactor({ knownSecrets, marker: CAPTURE_REDACTION_MARKER });
  const usage = database === undefined ? undefined : openUsageStore({ database, retentionDays: settings.retentionDays, now: options.now, onError: options.onError });
  const audit =
    database === undefined
      ? undefined
      : openAuditStore({ database, retentionDays: settings.retentionDays, redactor: captureRedactor, now: options.now, onError: options.onError });
  return {
    promptRedactor: createSecretRedactor({ knownSecrets }),
    captureRedactor,
    ...(capture === undefined ? {} : { capture }),
    ...(usage === undefined ? {} : { usage }),
    ...(audit === undefined ? {} : { audit }),
    trustedIps: parseIpAllowList([...settings.trustedIps]),
    close: async () => {
      await capture?.close();
      usage?.close();
      audit?.close();
      database?.close();
    },
  };
}
