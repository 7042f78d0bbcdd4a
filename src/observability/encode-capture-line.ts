import type { SecretRedactor } from '../redaction/redact-secrets.js';
import { captureContextJson } from './capture-context-json.js';
import { captureLinePayloadKey, captureLineStart, extraKeyAppendable, extrasAppendable } from './capture-entry.js';
import { CAPTURE_DIRECTIONS, CAPTURE_FIELD as F, knownContext, PAYLOAD_KIND, type KnownContext } from './capture-worker-protocol.js';
import type { CaptureLineWriter } from './capture-writer.js';
import type { RingRecord } from './shared-ring.js';

export interface CaptureLineEncoderOptions {
  /** The capture redactor, for the contexts (each redacted once). */
  readonly redactor: SecretRedactor;
  /**
   * Its pre-check (`createSecretPrecheck`), run on payloads' text (a request body's JSON text
   * included), on contexts' and metadata's JSON; `undefined` when it cannot be trusted on JSON
   * (`precheckFitsJson`), which turns this path off.
   */
  readonly mayHoldSecret: ((text: string) => boolean) | undefined;
}

const contentTypes = { [PAYLOAD_KIND.jsonText]: 'json', [PAYLOAD_KIND.text]: 'text', [PAYLOAD_KIND.value]: 'json' } as const;

/**
 * The capture worker's fast path: writes a ring record (see `encodeCaptureRecord`) as its capture
 * line straight from the ring's bytes, byte for byte the line `formatCaptureLine` would build, but
 * with no entry object, no field-by-field redaction and no parse of a request body. It takes the
 * common records: a text or JSON-text payload (or `null`) in which the redactor's pre-check finds
 * no candidate, and small metadata. Anything else returns false and goes the ordinary way.
 *
 * A request body (`payloadJson`) is `JSON.stringify` output already and goes in as its text; a
 * text payload is escaped by `JSON.stringify` (native, several times faster than a loop here).
 * The line is handed to the writer as one string.
 */
export function createCaptureLineEncoder(options: CaptureLineEncoderOptions): (record: RingRecord, writer: CaptureLineWriter) => boolean {
  const { redactor, mayHoldSecret } = options;
  if (mayHoldSecret === undefined) return () => false;
  const contextJson = (record: RingRecord): NonNullable<KnownContext['line']> => {
    const known = knownContext(record.value(F.contextId) as number, () => record.value(F.contextJson) as string | null, record.value(F.direction) as number);
    known.line ??= captureContextJson(known.json, redactor, mayHoldSecret);
    return known.line;
  };

  return (record, writer) => {
    if (record.count <= F.metadataJson || record.count % 2 !== 0) return false;
    const kind = record.value(F.kind);
    const now = record.value(F.now) as number;
    if (kind !== PAYLOAD_KIND.text && kind !== PAYLOAD_KIND.jsonText && kind !== PAYLOAD_KIND.value) return false;
    if (!record.isText(F.payload) || !Number.isFinite(now)) return false;
    const payloadStart = record.starts[F.payload] ?? 0;
    const payloadEnd = record.ends[F.payload] ?? 0;
    const payloadText = record.bytes.toString('utf8', payloadStart, payloadEnd);
    if (kind === PAYLOAD_KIND.value && payloadText !== 'null') return false;
    if (mayHoldSecret(payloadText)) return false;
    let extras = '';
    if (record.isText(F.metadataJson)) {
      const text = record.value(F.metadataJson) as string;
      const metadata = JSON.parse(text) as unknown;
      if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || !extrasAppendable(metadata as Record<string, unknown>)) return false;
      if (mayHoldSecret(text)) return false;
      extras = text.length > 2 ? `,${text.slice(1, -1)}` : '';
    } else {
      // The members `JSON.stringify` of the pairs as an object would write: the keys are an
      // object's own keys (see `encodeCaptureRecord`), so unique, and not index-like, so in order.
      for (let index = F.metadataJson + 1; index < record.count; index += 2) {
        const key = record.value(index);
        const value = record.value(index + 1);
        if (typeof key !== 'string' || !extraKeyAppendable(key) || mayHoldSecret(key) || (typeof value === 'string' && mayHoldSecret(value))) return false;
        extras += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
      }
    }
    const context = contextJson(record);
    const direction = CAPTURE_DIRECTIONS[record.value(F.direction) as number] ?? 'stream_chunk';
    // A request body is `JSON.stringify` output already; a text payload is escaped natively.
    const payload = kind === PAYLOAD_KIND.text ? JSON.stringify(payloadText) : payloadText;
    // One string, one write: each `Buffer#write` call costs more than joining the pieces.
    writer.writeLine(
      `${captureLineStart(now, record.value(F.sequence) as number, direction)}${context.head}${captureLinePayloadKey(contentTypes[kind], payloadEnd - payloadStart)}` +
        `${payload},"metadata":{${context.metadata}${extras}}}\n`,
    );
    return true;
  };
}
