import { Buffer } from 'node:buffer';
import { captureContextFieldsJson, captureContextFromFieldsJson } from './capture-context-json.js';
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

/**
 * Where each value of a capture record sits among its ring values. `metadataJson` holds the
 * metadata's JSON when it is not flat; flat metadata follows it as key/value pairs instead.
 */
export const CAPTURE_FIELD = { direction: 0, kind: 1, payload: 2, contextId: 3, contextJson: 4, now: 5, sequence: 6, metadataJson: 7 } as const;
const METADATA_JSON = CAPTURE_FIELD.metadataJson;

/** How a record's payload travels. */
export const PAYLOAD_KIND = { jsonText: 0, text: 1, value: 2, bytes: 3, absent: 4 } as const;
const { jsonText: JSON_TEXT, text: TEXT, value: VALUE, bytes: BYTES, absent: ABSENT } = PAYLOAD_KIND;

/**
 * A request's context serves all its records: numbered and serialised once, and its JSON sent
 * only until the worker has it (`sent`, set by {@link captureRecordWritten} once a record that
 * carried it made it into the ring). Contexts are let go at their `stream_end`, and at most the
 * latest 1024 are kept (a WeakMap here made every young-generation collection walk its
 * ephemerons); one let go early is simply sent again.
 */
const sentContexts = new Map<CaptureContext, { readonly id: number; readonly json: string; sent: boolean }>();
const maxSentContexts = 1024;
let nextContextId = 1;

/**
 * A capture record as flat values for the worker's ring: direction, payload kind and payload,
 * the context's number and (until the worker has it) JSON, clock, sequence, then the metadata:
 * JSON, or its key/value pairs when it is flat. Text payloads (upstream reads, request bodies) go
 * as they are, so the stream path serialises none of them. Throws for a payload or metadata JSON
 * cannot hold.
 */
export function encodeCaptureRecord(record: CaptureRecord): readonly RingValue[] {
  let context = sentContexts.get(record.context);
  if (context === undefined) {
    context = { id: nextContextId++, json: captureContextFieldsJson(record.context), sent: false };
    sentContexts.set(record.context, context);
    if (sentContexts.size > maxSentContexts) sentContexts.delete(sentContexts.keys().next().value as CaptureContext);
  }
  if (record.direction === 'stream_end') sentContexts.delete(record.context);
  const [kind, payload] = 'payloadJson' in record ? [JSON_TEXT, record.payloadJson] : encodePayload(record.payload);
  const values: RingValue[] = [directionIndex.get(record.direction) ?? 0, kind, payload, context.id, context.sent ? null : context.json, record.now, record.sequence, null];
  if (record.metadata !== undefined && !appendPairs(values, record.metadata)) values[METADATA_JSON] = JSON.stringify(record.metadata);
  return values;
}

/** The record made it into the ring: its context's JSON need not be sent again. */
export function captureRecordWritten(record: CaptureRecord): void {
  const context = sentContexts.get(record.context);
  if (context !== undefined) context.sent = true;
}


/**
 * Appends flat metadata (text, finite numbers, null) as key/value pairs, so the stream path
 * serialises nothing; false, with `values` as they were, for anything else.
 */
function appendPairs(values: RingValue[], metadata: Readonly<Record<string, unknown>>): boolean {
  const length = values.length;
  for (const key in metadata) {
    if (!Object.hasOwn(metadata, key)) continue;
    const value = metadata[key];
    if (typeof value !== 'string' && value !== null && !(typeof value === 'number' && Number.isFinite(value))) {
      values.length = length;
      return false;
    }
    values.push(key, value);
  }
  return true;
}

function encodePayload(payload: unknown): readonly [number, RingValue] {
  if (typeof payload === 'string') return [TEXT, payload];
  if (payload === undefined) return [ABSENT, null];
  if (payload instanceof Uint8Array) return [BYTES, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('latin1')];
  const json = JSON.stringify(payload) as string | undefined;
  if (json === undefined) throw new TypeError('a capture payload must be JSON, text or bytes');
  return [VALUE, json];
}

/** A context the worker has seen: its fields' JSON, and what the worker has made of it so far. */
export interface KnownContext {
  /** `captureContextFieldsJson` of the context. */
  readonly json: string;
  context?: CaptureContext;
  /** What its lines repeat, once the fast path has built it. */
  line?: { readonly head: string; readonly metadata: string };
}

/**
 * Contexts the worker knows, by number: the records of one request share one. A context is let
 * go at its `stream_end`; the bound only matters if `stream_end` records were dropped.
 */
const contexts = new Map<number, KnownContext>();
const maxContexts = 16_384;
const streamEnd = CAPTURE_DIRECTIONS.indexOf('stream_end');
/** For a record whose context the worker never got (its first record was dropped long ago). */
const unknownContext = captureContextFieldsJson({ source: 'unknown_client', destination: 'unknown' });

/** The context of a record: its number, its JSON when the record carries it, and the record's direction (index). */
export function knownContext(id: number, json: () => string | null, direction: number): KnownContext {
  let known = contexts.get(id);
  const text = known === undefined ? json() : null;
  if (text !== null) {
    known = { json: text };
    contexts.set(id, known);
    if (contexts.size > maxContexts) contexts.delete(contexts.keys().next().value as number);
  }
  if (direction === streamEnd) contexts.delete(id);
  return known ?? { json: unknownContext };
}

/** A known context as an object (parsed once). */
function contextOf(known: KnownContext): CaptureContext {
  known.context ??= captureContextFromFieldsJson(known.json);
  return known.context;
}

/** The record {@link encodeCaptureRecord} was given (a payload that was JSON comes back parsed). */
export function decodeCaptureRecord(values: readonly RingValue[]): CaptureRecord {
  const [direction, kind, payload, contextId, contextText, now, sequence, metadataJson] = values as [number, number, string | null, number, string | null, number, number, string | null];
  const metadata = metadataJson === null ? pairsOf(values) : (JSON.parse(metadataJson) as Readonly<Record<string, unknown>>);
  const base = {
    direction: CAPTURE_DIRECTIONS[direction] ?? 'stream_chunk',
    context: contextOf(knownContext(contextId, () => contextText, direction)),
    now,
    sequence,
    ...(metadata === undefined ? {} : { metadata }),
  };
  if (kind === JSON_TEXT) return { ...{}, ...base, payloadJson: payload ?? '' };
  return { ...{}, ...base, payload: decodePayload(kind, payload) };
}

/** The metadata pairs after the fixed values, as an object (`undefined` when there are none). */
function pairsOf(values: readonly RingValue[]): Readonly<Record<string, unknown>> | undefined {
  if (values.length <= METADATA_JSON + 1) return undefined;
  const metadata: Record<string, unknown> = {};
  for (let index = METADATA_JSON + 1; index + 1 < values.length; index += 2) setOwn(metadata, values[index] as string, values[index + 1]);
  return metadata;
}

/** `object[key] = value`, as an own property even for `__proto__` (as `JSON.parse` makes it). */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function decodePayload(kind: number, payload: string | null): unknown {
  if (kind === TEXT) return payload;
  if (kind === BYTES) return new Uint8Array(Buffer.from(payload ?? '', 'latin1'));
  if (kind === VALUE) return JSON.parse(payload ?? 'null') as unknown;
  return undefined;
}
