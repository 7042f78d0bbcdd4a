import { Buffer } from 'node:buffer';
import type { SecretRedactor } from '../redaction/redact-secrets.js';
import { captureContextJson, captureLinePayloadKey, captureLineStart, extraKeyAppendable, extrasAppendable } from './capture-entry.js';
import { CAPTURE_DIRECTIONS, CAPTURE_FIELD as F, knownContext, PAYLOAD_KIND, type KnownContext } from './capture-worker-protocol.js';
import type { CaptureLineWriter } from './capture-writer.js';
import type { RingRecord } from './shared-ring.js';

export interface CaptureLineEncoderOptions {
  /** The capture redactor, for the contexts (each redacted once). */
  readonly redactor: SecretRedactor;
  /**
   * Its pre-check (`createSecretPrecheck`), run on text payloads, on the Latin-1 view of JSON
   * payloads' UTF-8 bytes, on contexts' and metadata's JSON; `undefined` when it cannot be
   * trusted on JSON and bytes (`precheckFitsJson`), which turns this path off.
   */
  readonly mayHoldSecret: ((text: string) => boolean) | undefined;
}

type ContextBytes = NonNullable<KnownContext['lineBytes']>;

const contentTypes = { [PAYLOAD_KIND.jsonText]: 'json', [PAYLOAD_KIND.text]: 'text', [PAYLOAD_KIND.value]: 'json' } as const;

/**
 * The capture worker's fast path: writes a ring record (see `encodeCaptureRecord`) as its capture
 * line straight from the ring's bytes, byte for byte the line `formatCaptureLine` would build, but
 * with no entry object, no field-by-field redaction and no parse of a request body. It takes the
 * common records: a text or JSON-text payload (or `null`) in which the redactor's pre-check finds
 * no candidate, and small metadata. Anything else returns false and goes the ordinary way.
 *
 * A request body (`payloadJson`) is `JSON.stringify` output already and its bytes are copied as
 * they are; a text payload is escaped by `JSON.stringify` of its text (native, several times
 * faster than escaping the bytes in a loop here).
 */
export function createCaptureLineEncoder(options: CaptureLineEncoderOptions): (record: RingRecord, writer: CaptureLineWriter) => boolean {
  const { redactor, mayHoldSecret } = options;
  const contextBytes = (record: RingRecord): ContextBytes => {
    const known = knownContext(record.value(F.contextId) as number, () => record.value(F.contextJson) as string | null, record.value(F.direction) as number);
    if (known.lineBytes === undefined) {
      const json = captureContextJson(known.context, redactor, mayHoldSecret);
      known.lineBytes = { head: Buffer.from(json.head), metadata: Buffer.from(json.metadata) };
    }
    return known.lineBytes;
  };

  return (record, writer) => {
    if (mayHoldSecret === undefined || record.count <= F.metadataJson || record.count % 2 !== 0) return false;
    const kind = record.value(F.kind);
    const now = record.value(F.now) as number;
    if (kind !== PAYLOAD_KIND.text && kind !== PAYLOAD_KIND.jsonText && kind !== PAYLOAD_KIND.value) return false;
    if (!record.isText(F.payload) || !Number.isFinite(now)) return false;
    const { bytes } = record;
    const payloadStart = record.starts[F.payload] ?? 0;
    const payloadEnd = record.ends[F.payload] ?? 0;
    // Text is escaped from its string; JSON text is copied as bytes, so its Latin-1 view is checked.
    const escaped = kind === PAYLOAD_KIND.text;
    const payloadText = bytes.toString(escaped ? 'utf8' : 'latin1', payloadStart, payloadEnd);
    if (kind === PAYLOAD_KIND.value && payloadText !== 'null') return false;
    if (mayHoldSecret(payloadText)) return false;
    let extras = '';
    if (record.isText(F.metadataJson)) {
      const text = record.value(F.metadataJson) as string;
      const metadata = JSON.parse(text) as unknown;
      if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || !extrasAppendable(metadata as Record<string, unknown>)) return false;
      if (mayHoldSecret(text)) return false;
      extras = text.slice(1, -1);
    } else if (record.count > F.metadataJson + 1) {
      // The members `JSON.stringify` of the pairs as an object would write: the keys are an
      // object's own keys (see `encodeCaptureRecord`), so unique, and not index-like, so in order.
      const members: string[] = [];
      for (let index = F.metadataJson + 1; index < record.count; index += 2) {
        const key = record.value(index);
        const value = record.value(index + 1);
        if (typeof key !== 'string' || !extraKeyAppendable(key) || mayHoldSecret(key) || (typeof value === 'string' && mayHoldSecret(value))) return false;
        members.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
      }
      extras = members.join(',');
    }
    const context = contextBytes(record);
    const sequence = record.value(F.sequence) as number;
    const direction = CAPTURE_DIRECTIONS[record.value(F.direction) as number] ?? 'stream_chunk';
    const contentLength = payloadEnd - payloadStart;
    const head = captureLineStart(now, sequence, direction);
    const middle = captureLinePayloadKey(contentTypes[kind], contentLength);
    const tail = `,"metadata":{`;
    const end = `${extras === '' ? '' : `,${extras}`}}}\n`;
    const bound =
      Buffer.byteLength(head) + context.head.byteLength + middle.length + (escaped ? 2 + 6 * contentLength : contentLength) + tail.length + context.metadata.byteLength + Buffer.byteLength(end);
    writer.writeLine(bound, (out, offset) => {
      let cursor = offset + out.write(head, offset);
      cursor += context.head.copy(out, cursor);
      cursor += out.write(middle, cursor, 'latin1');
      if (escaped) {
        cursor += out.write(JSON.stringify(payloadText), cursor);
      } else {
        cursor += bytes.copy(out, cursor, payloadStart, payloadEnd);
      }
      cursor += out.write(tail, cursor, 'latin1');
      cursor += context.metadata.copy(out, cursor);
      return cursor + out.write(end, cursor);
    });
    return true;
  };
}
