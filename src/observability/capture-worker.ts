import { CAPTURE_REDACTION_MARKER, createSecretPrecheck, createSecretRedactor, precheckFitsJson } from '../redaction/redact-secrets.js';
import type { CaptureWorkerData } from './capture-worker-protocol.js';
import { decodeCaptureRecord } from './capture-worker-protocol.js';
import { syncCaptureFileSystem } from './capture-file-system.js';
import { createCaptureWriter } from './capture-writer.js';
import { createCaptureLineEncoder } from './encode-capture-line.js';
import { batchWorkerContext, serveBatchWorker } from './serve-batch-worker.js';

/**
 * The wire-capture worker thread (started by `startCaptureWorker`): redacts, serialises and
 * appends the records the gateway hands over, with the ordinary capture writer. Most records are
 * written straight from the ring's bytes (`createCaptureLineEncoder`); the rest are decoded and
 * formatted as objects.
 */
const { own, reportError } = batchWorkerContext<CaptureWorkerData>();
const redaction = { knownSecrets: own.knownSecrets, marker: CAPTURE_REDACTION_MARKER };
const redactor = createSecretRedactor(redaction);
const encodeLine = createCaptureLineEncoder({ redactor, mayHoldSecret: precheckFitsJson(redaction) ? createSecretPrecheck(redaction) : undefined });
const writer = createCaptureWriter({
  ...{},
  ...own.options,
  redactor,
  fs: syncCaptureFileSystem,
  onError: (error) => reportError(new Error(`wire capture: ${error instanceof Error ? error.message : String(error)}`)),
});
serveBatchWorker({
  decode: decodeCaptureRecord,
  take: (record) => writer.write(record),
  takeRecord: (record) => encodeLine(record, writer),
  flush: () => writer.flush(),
  close: () => writer.close(),
  stats: () => writer.stats(),
});
