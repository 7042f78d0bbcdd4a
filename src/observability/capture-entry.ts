import { Buffer } from 'node:buffer';
import type { SecretRedactor } from '../redaction/redact-secrets.js';
import { redactValue } from '../redaction/redact-value.js';
import { innerJson, redactedContext } from './capture-context-json.js';

/** Where a captured payload was going (SEED-SPEC §8). */
export type CaptureDirection =
  | 'system_init'
  | 'inbound_request'
  | 'outbound_request'
  | 'inbound_response'
  | 'outbound_response'
  | 'stream_start'
  | 'stream_chunk'
  | 'stream_end';

export type CaptureContentType = 'json' | 'text' | 'bytes';

/** One line of the buffered JSON-lines capture file; field names are the seed's, for its jq recipes. */
export interface CaptureEntry {
  readonly timestamp_iso: string;
  readonly timestamp_unix: number;
  readonly sequence: number;
  readonly direction: CaptureDirection;
  readonly source: string;
  readonly destination: string;
  readonly session_id: string | null;
  readonly backend: string | null;
  readonly model: string | null;
  /** The environment variable (or key set) name, never the key itself. */
  readonly key_name: string | null;
  readonly content_type: CaptureContentType;
  /** Bytes of the original (unredacted) payload. */
  readonly content_length: number;
  readonly payload: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Who is talking to whom, fixed for one request. */
export interface CaptureContext {
  readonly sessionId?: string;
  readonly backend?: string;
  readonly model?: string;
  readonly keyName?: string;
  /** `"<ip>(<ua>)"` for client legs (see {@link formatCaptureSource}), the proxy for backend legs. */
  readonly source: string;
  readonly destination: string;
  readonly requestId?: string;
  readonly clientHost?: string;
  readonly userAgent?: string;
}

/**
 * What a capture point hands its sink: one event, not yet redacted or serialised. The sink (the
 * capture writer, in a worker thread) turns it into a {@link CaptureEntry}, so the stream path
 * pays for neither.
 */
export type CaptureRecord = {
  readonly direction: CaptureDirection;
  readonly context: CaptureContext;
  /** Milliseconds since the epoch. */
  readonly now: number;
  readonly sequence: number;
  /** Extra metadata (`protocol_event`, `reason`, `http_status_code`...), redacted too. */
  readonly metadata?: Readonly<Record<string, unknown>>;
} & (
  | { readonly payload: unknown }
  /**
   * The payload as the JSON text that went on the wire (a request body), as `JSON.stringify`
   * wrote it: parsed, measured as sent (the capture worker may copy it into the line as it is).
   */
  | { readonly payloadJson: string }
);

export type CaptureEntryInput = CaptureRecord & {
  /** Built with `marker: CAPTURE_REDACTION_MARKER`. */
  readonly redactor: SecretRedactor;
};

/** The seed's source label: `ip(ua)`, `ip`, `unknown_host(ua)` or `unknown_client`. */
export function formatCaptureSource(clientHost: string | undefined, userAgent: string | undefined): string {
  if (clientHost !== undefined && clientHost !== '') return userAgent ? `${clientHost}(${userAgent})` : clientHost;
  return userAgent ? `unknown_host(${userAgent})` : 'unknown_client';
}

/** Years 0000-9999: where `toISOString` has its fixed 24-character form. */
const fixedFormUntil = 253_402_300_800_000;
let cachedSecond = Number.NaN;
let cachedSecondPrefix = '';

/** `2025-01-10T15:58:41.039+00:00`: ISO 8601 with an explicit zone, as the seed writes it. */
export function formatCaptureTimestamp(now: number): string {
  if (!Number.isInteger(now) || now < 0 || now >= fixedFormUntil) return `${new Date(now).toISOString().slice(0, -1)}+00:00`;
  // Every captured line needs one and `toISOString` was a fifth of the capture's cost: format
  // each second once and append the milliseconds.
  const second = Math.floor(now / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedSecondPrefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  const millis = now - second * 1000;
  return `${cachedSecondPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}+00:00`;
}

/**
 * Builds one capture entry: classifies and measures the payload, redacts every string in it (and
 * in the metadata), and stores bytes as `{encoding: 'base64', data}`.
 *
 * Bytes that are valid UTF-8 are redacted as text before being re-encoded, so a key inside a raw
 * upstream frame never reaches the file in base64 either.
 *
 * @example
 * buildCaptureEntry({ direction: 'outbound_request', payload: body, context, now: Date.now(), sequence: 1, redactor })
 * // → { timestamp_iso: '…+00:00', direction: 'outbound_request', content_type: 'json', payload: {…redacted} , … }
 */
export function buildCaptureEntry(input: CaptureEntryInput): CaptureEntry {
  const { redactor } = input;
  const context = redactedContext(input.context, redactor);
  const { contentType, contentLength, payload } =
    'payloadJson' in input ? describeJsonText(input.payloadJson, redactor) : describePayload(input.payload, redactor);
  return {
    timestamp_iso: formatCaptureTimestamp(input.now),
    timestamp_unix: input.now / 1000,
    sequence: input.sequence,
    direction: input.direction,
    source: context.source,
    destination: context.destination,
    session_id: context.session_id,
    backend: context.backend,
    model: context.model,
    key_name: context.key_name,
    content_type: contentType,
    content_length: contentLength,
    payload,
    metadata: input.metadata === undefined ? context.metadata : { ...{}, ...context.metadata, ...redactValue(input.metadata, redactor) },
  };
}

/**
 * One capture line: exactly `JSON.stringify(buildCaptureEntry(input))`, built from JSON the
 * request's context already has (see `redactedContext`), so only the payload and the extra
 * metadata are serialised per line (the worker's main cost). Where plain concatenation would
 * differ from the object's JSON (a metadata key the context has or an index-like one, an absent
 * payload, a clock that is not finite), it serialises the object instead.
 */
export function formatCaptureLine(input: CaptureEntryInput): string {
  const { redactor, now } = input;
  const context = redactedContext(input.context, redactor);
  const extras = input.metadata === undefined ? undefined : redactValue(input.metadata, redactor);
  const { contentType, contentLength, payload } =
    'payloadJson' in input ? describeJsonText(input.payloadJson, redactor) : describePayload(input.payload, redactor);
  const payloadJson = JSON.stringify(payload) as string | undefined;
  if (!Number.isFinite(now) || payloadJson === undefined || (extras !== undefined && !extrasAppendable(extras))) {
    return JSON.stringify(buildCaptureEntry(input));
  }
  const extrasJson = extras === undefined ? '' : innerJson(extras);
  return (
    `${captureLineStart(now, input.sequence, input.direction)}${context.json.head}${captureLinePayloadKey(contentType, contentLength)}` +
    `${payloadJson},"metadata":{${context.json.metadata}${extrasJson === '' ? '' : `,${extrasJson}`}}}`
  );
}

let cachedLineNow = Number.NaN;
let cachedLineTime = '';

/** A capture line up to its context's JSON: `{"timestamp_iso":…,"direction":…,`. */
export function captureLineStart(now: number, sequence: number, direction: CaptureDirection): string {
  // Lines come in bursts within one millisecond: format its two timestamps once.
  if (!Object.is(now, cachedLineNow)) {
    cachedLineNow = now;
    cachedLineTime = `{"timestamp_iso":"${formatCaptureTimestamp(now)}","timestamp_unix":${JSON.stringify(now / 1000)},"sequence":`;
  }
  return `${cachedLineTime}${JSON.stringify(sequence)},"direction":"${direction}",`;
}

/** What follows the context's JSON in a capture line, up to the payload. */
export function captureLinePayloadKey(contentType: CaptureContentType, contentLength: number): string {
  return `,"content_type":"${contentType}","content_length":${contentLength},"payload":`;
}

/** Whether `{...contextMetadata, ...extras}` keeps the context's keys first and unchanged. */
export function extrasAppendable(extras: Readonly<Record<string, unknown>>): boolean {
  return Object.keys(extras).every(extraKeyAppendable);
}

/** Whether an extra metadata key can follow the context's: not one of them, and not index-like (objects put those first). */
export function extraKeyAppendable(key: string): boolean {
  return key !== 'client_host' && key !== 'user_agent' && key !== 'request_id' && !/^(?:0|[1-9]\d*)$/.test(key);
}

interface DescribedPayload {
  readonly contentType: CaptureContentType;
  readonly contentLength: number;
  readonly payload: unknown;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function describePayload(payload: unknown, redactor: SecretRedactor): DescribedPayload {
  if (typeof payload === 'string') {
    return { contentType: 'text', contentLength: Buffer.byteLength(payload), payload: redactor(payload).text };
  }
  if (payload instanceof Uint8Array) {
    return { contentType: 'bytes', contentLength: payload.byteLength, payload: { encoding: 'base64', data: redactBytes(payload, redactor) } };
  }
  // An upstream SSE frame's original bytes are its data line: no need to serialise it to measure it.
  const frameData = (payload as { data?: unknown } | null)?.data;
  const contentLength = typeof frameData === 'string' && Object.keys(payload as object).length <= 3 ? Buffer.byteLength(frameData) : jsonLength(payload);
  return { contentType: 'json', contentLength, payload: redactValue(payload, redactor) };
}

function describeJsonText(text: string, redactor: SecretRedactor): DescribedPayload {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return { contentType: 'text', contentLength: Buffer.byteLength(text), payload: redactor(text).text };
  }
  return { contentType: 'json', contentLength: Buffer.byteLength(text), payload: redactValue(payload, redactor) };
}

function redactBytes(bytes: Uint8Array, redactor: SecretRedactor): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('base64');
  }
  const { text: redacted, count } = redactor(text);
  return count === 0 ? Buffer.from(bytes).toString('base64') : Buffer.from(redacted, 'utf8').toString('base64');
}

function jsonLength(payload: unknown): number {
  try {
    const text = JSON.stringify(payload);
    return text === undefined ? 0 : Buffer.byteLength(text);
  } catch {
    return 0;
  }
}
