import { Buffer } from 'node:buffer';
import type { CaptureContext, CaptureDirection, CaptureRecord } from './capture-entry.js';
import type { CaptureWriterOptions } from './capture-writer.js';
import type { RingValue } from './shared-ring.js';

/** The capture worker's own `workerData`. */
export interface CaptureWorkerData {
  readonly options: Omit<CaptureWriterOptions, 'fs' | 'now' | 'onError' | 'redactor'>;
  /** Configured key values, masked in every line besides the common formats. */
  readonly knownSecrets: readonly string[];
}

/** Directions travel as their index here. */
export const CAPTURE_DIRECTIONS: readonly CaptureDirection[] = ['system_init', 'inbound_request', 'outbound_request', 'inbound_response', 'outbound_response', 'stream_start', 'stream_chunk', 'stream_end'];
const directionIndex = new Map(CAPTURE_DIRECTIONS.map((direction, index) => [direction, index]));

/** How a record's payload travels. */
export const PAYLOAD_KIND = { jsonText: 0, text: 1, value: 2, bytes: 3, absent: 4 } as const;
const { jsonText: JSON_TEXT, text: TEXT, value: VALUE, bytes: BYTES, absent: ABSENT } = PAYLOAD_KIND;

/** A request's context serves all its records: serialise it once. */
const contextJson = new WeakMap<CaptureContext, string>();

/**
 * A capture record as flat values for the worker's ring: direction, payload kind and payload,
 * the context's JSON (serialised once per context), clock, sequence and metadata JSON. Text
 * payloads (upstream reads, request bodies) go as they are, so the stream path never serialises
 * them; other payloads are JSON here. Throws for a payload or metadata JSON cannot hold.
 */
export function encodeCaptureRecord(record: CaptureRecord): readonly RingValue[] {
  let context = contextJson.get(record.context);
  if (context === undefined) {
    context = JSON.stringify(record.context);
    contextJson.set(record.context, context);
  }
  const [kind, payload] = 'payloadJson' in record ? [JSON_TEXT, record.payloadJson] : encodePayload(record.payload);
  const metadata = record.metadata === undefined ? null : JSON.stringify(record.metadata);
  return [directionIndex.get(record.direction) ?? 0, kind, payload, context, record.now, record.sequence, metadata];
}

function encodePayload(payload: unknown): readonly [number, RingValue] {
  if (typeof payload === 'string') return [TEXT, payload];
  if (payload === undefined) return [ABSENT, null];
  if (payload instanceof Uint8Array) return [BYTES, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('latin1')];
  const json = JSON.stringify(payload) as string | undefined;
  if (json === undefined) throw new TypeError('a capture payload must be JSON, text or bytes');
  return [VALUE, json];
}

/** Contexts already parsed, by their JSON: the records of one request share one object. */
const contexts = new Map<string, CaptureContext>();
const maxContexts = 1024;

/** The context a record's JSON names: one object for all the records of a request. */
export function captureContextFromJson(text: string): CaptureContext {
  let context = contexts.get(text);
  if (context === undefined) {
    if (contexts.size >= maxContexts) contexts.clear();
    context = JSON.parse(text) as CaptureContext;
    contexts.set(text, context);
  }
  return context;
}

/** The record {@link encodeCaptureRecord} was given (a payload that was JSON comes back parsed). */
export function decodeCaptureRecord(values: readonly RingValue[]): CaptureRecord {
  const [direction, kind, payload, contextText, now, sequence, metadata] = values as [number, number, string | null, string, number, number, string | null];
  const base = {
    direction: CAPTURE_DIRECTIONS[direction] ?? 'stream_chunk',
    context: captureContextFromJson(contextText),
    now,
    sequence,
    ...(metadata === null ? {} : { metadata: JSON.parse(metadata) as Readonly<Record<string, unknown>> }),
  };
  if (kind === JSON_TEXT) return { ...base, payloadJson: payload ?? '' };
  return { ...base, payload: decodePayload(kind, payload) };
}

function decodePayload(kind: number, payload: string | null): unknown {
  if (kind === TEXT) return payload;
  if (kind === BYTES) return new Uint8Array(Buffer.from(payload ?? '', 'latin1'));
  if (kind === VALUE) return JSON.parse(payload ?? 'null') as unknown;
  return undefined;
}
