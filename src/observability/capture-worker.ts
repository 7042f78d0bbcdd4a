import { CAPTURE_REDACTION_MARKER, createSecretRedactor } from '../redaction/redact-secrets.js';
import type { CaptureWorkerData } from './capture-worker-protocol.js';
import { unpackCaptureRecords } from './capture-worker-protocol.js';
import { createCaptureWriter } from './capture-writer.js';
import { batchWorkerContext, serveBatchWorker } from './serve-batch-worker.js';

/**
 * The wire-capture worker thread (started by `startCaptureWorker`): redacts, serialises and
 * appends the records the gateway hands over, with the ordinary capture writer. Redaction and
 * `JSON.stringify` were most of the capture's cost on the gateway's event loop.
 */
const { own, reportError } = batchWorkerContext<CaptureWorkerData>();
const writer = createCaptureWriter({
  ...own.options,
  redactor: createSecretRedactor({ knownSecrets: own.knownSecrets, marker: CAPTURE_REDACTION_MARKER }),
  onError: (error) => reportError(new Error(`wire capture: ${error instanceof Error ? error.message : String(error)}`)),
});
serveBatchWorker({
  take: (packed) => {
    for (const record of unpackCaptureRecords(packed)) writer.write(record);
  },
  flush: () => writer.flush(),
  close: () => writer.close(),
  stats: () => writer.stats(),
});
