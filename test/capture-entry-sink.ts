import { buildCaptureEntry, type CaptureEntry } from '../src/observability/capture-entry.js';
import type { CaptureSink } from '../src/observability/capture-sink.js';
import { CAPTURE_REDACTION_MARKER, createSecretRedactor } from '../src/redaction/redact-secrets.js';

/** A capture sink that keeps each record as the entry the capture writer would write (redacted, built). */
export function entrySink(entries: CaptureEntry[]): CaptureSink {
  const redactor = createSecretRedactor({ marker: CAPTURE_REDACTION_MARKER });
  return { write: (record) => entries.push(buildCaptureEntry({ ...record, redactor })) };
}
