import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { buildCaptureEntry, type CaptureEntry } from '../src/observability/capture-entry.js';
import type { CaptureSink } from '../src/observability/capture-sink.js';
import { CAPTURE_REDACTION_MARKER, createSecretRedactor } from '../src/redaction/redact-secrets.js';

/** A capture sink that keeps each record as the entry the capture writer would write (redacted, built). */
export function entrySink(entries: CaptureEntry[]): CaptureSink {
  const redactor = createSecretRedactor({ marker: CAPTURE_REDACTION_MARKER });
  return { write: (record) => entries.push(buildCaptureEntry({ ...record, redactor })) };
}

/** A capture file's lines as entries; the file must end with a newline (no line cut short). */
export async function readCaptureLines(path: string): Promise<CaptureEntry[]> {
  const text = await readFile(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as CaptureEntry);
}
