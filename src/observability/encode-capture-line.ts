import { Buffer } from 'node:buffer';
import type { SecretRedactor } from '../redaction/redact-secrets.js';
import { captureContextJson, captureLinePayloadKey, captureLineStart, extrasAppendable } from './capture-entry.js';
import { CAPTURE_DIRECTIONS, knownContext, PAYLOAD_KIND, setOwn, type KnownContext } from './capture-worker-protocol.js';
import type { CaptureLineWriter } from './capture-writer.js';
import type { RingRecord, RingValue } from './shared-ring.js';

export interface CaptureLineEncoderOptions {
  /** The capture redactor, for the contexts (each redacted once). */
  readonly redactor: SecretRedactor;
  /**
   * Its pre-check (`createSecretPrecheck`), run on the Latin-1 view of a payload's UTF-8 bytes;
   * `undefined` when it cannot be trusted there (`precheckFitsJson`), which turns this path off.
   */
  readonly mayHoldSecret: ((text: string) => boolean) | undefined;
}

type ContextBytes = NonNullable<KnownContext['lineBytes']>;

/** Year 10000: `formatCaptureTimestamp`'s fixed-width form ends there. */
const lastFixedFormMs = 253_402_300_800_000;
const contentTypes = { [PAYLOAD_KIND.jsonText]: 'json', [PAYLOAD_KIND.text]: 'text', [PAYLOAD_KIND.value]: 'json' } as const;

/**
 * The capture worker's fast path: writes a ring record (see `encodeCaptureRecord`) as its capture
 * line straight from the ring's bytes, byte for byte the line `formatCaptureLine` would build, but
 * with no string per payload, no `JSON.stringify` of it and no re-encoding. It takes the common
 * records: a text or JSON-text payload (or `null`) in which the redactor's pre-check finds no
 * candidate, and small metadata. Anything else returns false and goes the ordinary way.
 *
 * Text crosses the ring as UTF-8, so a text payload's escaped bytes are `JSON.stringify` of it; a
 * request body (`payloadJson`) is `JSON.stringify` output already and is copied as it is.
 */
export function createCaptureLineEncoder(options: CaptureLineEncoderOptions): (record: RingRecord, writer: CaptureLineWriter) => boolean {
  const { redactor, mayHoldSecret } = options;
  const contextBytes = (record: RingRecord): ContextBytes => {
    const known = knownContext(record.value(3) as number, () => record.value(4) as string | null, record.value(0) as number);
    if (known.lineBytes === undefined) {
      const json = captureContextJson(known.context, redactor);
      known.lineBytes = { head: Buffer.from(json.head), metadata: Buffer.from(json.metadata) };
    }
    return known.lineBytes;
  };

  return (record, writer) => {
    if (mayHoldSecret === undefined || record.count < 8 || record.count % 2 !== 0) return false;
    const kind = record.value(1);
    const now = record.value(5) as number;
    if (kind !== PAYLOAD_KIND.text && kind !== PAYLOAD_KIND.jsonText && kind !== PAYLOAD_KIND.value) return false;
    if (!record.isText(2) || !Number.isInteger(now) || now < 0 || now >= lastFixedFormMs) return false;
    const { bytes } = record;
    const payloadStart = record.starts[2] ?? 0;
    const payloadEnd = record.ends[2] ?? 0;
    if (kind === PAYLOAD_KIND.value && bytes.toString('latin1', payloadStart, payloadEnd) !== 'null') return false;
    if (mayHoldSecret(bytes.toString('latin1', payloadStart, payloadEnd))) return false;
    let extras = '';
    if (record.isText(7)) {
      const text = record.value(7) as string;
      const metadata = JSON.parse(text) as unknown;
      if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || !extrasAppendable(metadata as Record<string, unknown>)) return false;
      if (mayHoldSecret(text)) return false;
      extras = text.slice(1, -1);
    } else if (record.count > 8) {
      const pairs: Record<string, RingValue> = {};
      for (let index = 8; index < record.count; index += 2) {
        const key = record.value(index);
        const value = record.value(index + 1);
        if (typeof key !== 'string' || mayHoldSecret(key) || (typeof value === 'string' && mayHoldSecret(value))) return false;
        setOwn(pairs, key, value);
      }
      if (!extrasAppendable(pairs)) return false;
      extras = JSON.stringify(pairs).slice(1, -1);
    }
    const context = contextBytes(record);
    const sequence = record.value(6) as number;
    const direction = CAPTURE_DIRECTIONS[record.value(0) as number] ?? 'stream_chunk';
    const contentLength = payloadEnd - payloadStart;
    const head = captureLineStart(now, sequence, direction);
    const middle = captureLinePayloadKey(contentTypes[kind], contentLength);
    const tail = `,"metadata":{`;
    const end = `${extras === '' ? '' : `,${extras}`}}}\n`;
    const escaped = kind === PAYLOAD_KIND.text;
    const bound =
      Buffer.byteLength(head) + context.head.byteLength + middle.length + (escaped ? 2 + 6 * contentLength : contentLength) + tail.length + context.metadata.byteLength + Buffer.byteLength(end);
    writer.writeLine(bound, (out, offset) => {
      let cursor = offset + out.write(head, offset);
      cursor += context.head.copy(out, cursor);
      cursor += out.write(middle, cursor, 'latin1');
      if (escaped) {
        out[cursor++] = 0x22;
        cursor = escapeJsonBytes(bytes, payloadStart, payloadEnd, out, cursor);
        out[cursor++] = 0x22;
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

const hex = '0123456789abcdef';
/** `\b \t \n \f \r` as `JSON.stringify` writes them; other control bytes become `\u00XX`. */
const shortEscapes: Record<number, number> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72 };

/**
 * Copies UTF-8 bytes as the inside of a JSON string, escaped as `JSON.stringify` escapes: `"`,
 * `\` and control characters; every other byte (non-ASCII ones included) as it is.
 */
export function escapeJsonBytes(source: Uint8Array, start: number, end: number, out: Uint8Array, offset: number): number {
  let cursor = offset;
  for (let index = start; index < end; index += 1) {
    const byte = source[index] as number;
    if (byte >= 0x20 && byte !== 0x22 && byte !== 0x5c) {
      out[cursor++] = byte;
    } else if (byte === 0x22 || byte === 0x5c) {
      out[cursor++] = 0x5c;
      out[cursor++] = byte;
    } else {
      out[cursor++] = 0x5c;
      const short = shortEscapes[byte];
      if (short !== undefined) {
        out[cursor++] = short;
      } else {
        out[cursor++] = 0x75;
        out[cursor++] = 0x30;
        out[cursor++] = 0x30;
        out[cursor++] = hex.charCodeAt(byte >> 4);
        out[cursor++] = hex.charCodeAt(byte & 15);
      }
    }
  }
  return cursor;
}
