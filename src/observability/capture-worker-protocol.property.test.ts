import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import type { CaptureDirection, CaptureRecord } from './capture-entry.js';
import { captureRecordWritten, decodeCaptureRecord, encodeCaptureRecord } from './capture-worker-protocol.js';
import { createSharedRing, RingReader, RingWriter } from './shared-ring.js';

const directions: CaptureDirection[] = ['outbound_request', 'stream_start', 'stream_chunk', 'stream_end'];
const record: fc.Arbitrary<CaptureRecord> = fc
  .record({
    direction: fc.constantFrom(...directions),
    // Every field a context can have, each present or not: it crosses as its entry fields' JSON.
    context: fc.record(
      { source: fc.string(), destination: fc.string(), sessionId: fc.string(), backend: fc.string(), model: fc.string(), keyName: fc.string(), requestId: fc.string(), clientHost: fc.string(), userAgent: fc.string() },
      { requiredKeys: ['source', 'destination'] },
    ),
    now: fc.integer({ min: 0, max: 2e12 }),
    sequence: fc.nat(),
    metadata: fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
    body: fc.oneof(
      fc.record({ payload: fc.jsonValue() }),
      fc.record({ payload: fc.string({ unit: 'grapheme' }) }),
      fc.record({ payload: fc.uint8Array() }),
      fc.record({ payloadJson: fc.json() }),
    ),
  })
  .map(({ body, metadata, ...rest }) => ({ ...rest, ...(metadata === undefined ? {} : { metadata }), ...body }));

/** What JSON keeps of a value (-0 becomes 0): the capture line is JSON in the end. */
const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

describe('encodeCaptureRecord / decodeCaptureRecord', () => {
  it('should give back every record through the ring, in order, payloads and metadata as JSON keeps them', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const buffer = createSharedRing(1 << 20);
        const writer = new RingWriter(buffer);
        for (const each of records) expect(writer.write(encodeCaptureRecord(each))).toBe(true);
        const decoded: CaptureRecord[] = [];
        new RingReader(buffer).drain((ringRecord) => decoded.push(decodeCaptureRecord(ringRecord.values())) > 0);
        // Flat metadata keeps a -0 that its line's JSON writes as 0: compared as JSON on both sides.
        expect(decoded.map(({ metadata, ...rest }) => ({ ...rest, metadata: asJson(metadata) }))).toEqual(
          records.map((each) => ({
            ...each,
            ...('payload' in each && !(each.payload instanceof Uint8Array) ? { payload: asJson(each.payload) } : {}),
            // Empty metadata and none write the same line; they come back as none.
            ...(each.metadata === undefined || Object.keys(each.metadata).length === 0 ? { metadata: undefined } : { metadata: asJson(each.metadata) }),
          })),
        );
      }),
      { numRuns },
    );
  });

  it('should send a context once the worker has it, and give its records one context object again', () => {
    const context = { source: 'proxy', destination: 'openai', sessionId: 's-1' };
    const start: CaptureRecord = { direction: 'stream_start', payload: null, context, now: 1, sequence: 1 };
    const chunk: CaptureRecord = { direction: 'stream_chunk', payload: 'data: 1', context, now: 2, sequence: 2 };
    const end: CaptureRecord = { direction: 'stream_end', payload: null, context, now: 3, sequence: 3 };
    const first = encodeCaptureRecord(start);
    // Not written (a full ring, say): the next record carries the JSON again.
    expect(encodeCaptureRecord(chunk)[4]).toBe(first[4]);
    captureRecordWritten(chunk);
    const last = encodeCaptureRecord(end);
    expect(last[4]).toBeNull();
    const decoded = [first, last].map((values) => decodeCaptureRecord(values));
    expect(decoded[0]?.context).toEqual(context);
    expect(decoded[1]?.context).toBe(decoded[0]?.context);
  });

  it('should name the context unknown for a record whose context never reached the worker', () => {
    const context = { source: 'proxy', destination: 'openai', sessionId: 's-2' };
    const record: CaptureRecord = { direction: 'stream_chunk', payload: 'x', context, now: 1, sequence: 1 };
    encodeCaptureRecord(record);
    captureRecordWritten(record);
    expect(decodeCaptureRecord(encodeCaptureRecord(record)).context).toEqual({ source: 'unknown_client', destination: 'unknown' });
  });
});
