import { parentPort, workerData } from 'node:worker_threads';
import { CAPTURE_REDACTION_MARKER, createSecretRedactor } from '../redaction/redact-secrets.js';
import { unpackCaptureRecords, type CaptureWorkerData, type FromCaptureWorker, type ToCaptureWorker } from './capture-worker-protocol.js';
import { createCaptureWriter } from './capture-writer.js';

/**
 * The wire-capture worker thread (started by `startCaptureWorker`): redacts, serialises and
 * appends the records the gateway hands over, with the ordinary capture writer. Redaction and
 * `JSON.stringify` were most of the capture's cost on the gateway's event loop.
 */
const port = parentPort;
if (port === null) throw new Error('capture-worker must run as a worker thread');
const data = workerData as CaptureWorkerData;
const taken = new Int32Array(data.taken);
const post = (message: FromCaptureWorker): void => port.postMessage(message);
const writer = createCaptureWriter({
  ...data.options,
  redactor: createSecretRedactor({ knownSecrets: data.knownSecrets, marker: CAPTURE_REDACTION_MARKER }),
  onError: (error) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
});

port.on('message', (message: ToCaptureWorker) => {
  if (message.type === 'records') {
    const records = unpackCaptureRecords(message.packed);
    for (const record of records) writer.write(record);
    Atomics.add(taken, 0, records.length);
    return;
  }
  const done = message.type === 'close' ? writer.close() : writer.flush();
  void done.then(() => post({ type: 'done', id: message.id, stats: writer.stats() }));
});
