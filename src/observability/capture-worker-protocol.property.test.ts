import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import type { CaptureDirection, CaptureRecord } from './capture-entry.js';
import { packCaptureRecord, unpackCaptureRecords } from './capture-worker-protocol.js';

const directions: CaptureDirection[] = ['outbound_request', 'stream_start', 'stream_chunk', 'stream_end'];
const record: fc.Arbitrary<CaptureRecord> = fc
  .record({
    direction: fc.constantFrom(...directions),
    context: fc.record({ source: fc.string(), destination: fc.string(), sessionId: fc.option(fc.string(), { nil: undefined }) }),
    now: fc.integer({ min: 0, max: 2e12 }),
    sequence: fc.nat(),
    metadata: fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
    body: fc.oneof(fc.record({ payload: fc.jsonValue() }), fc.record({ payloadJson: fc.json() })),
  })
  .map(({ body, metadata, ...rest }) => ({ ...rest, ...(metadata === undefined ? {} : { metadata }), ...body }));

describe('packCaptureRecord / unpackCaptureRecords', () => {
  it('should give back every record as it was, in order', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const packed: unknown[] = [];
        for (const each of records) packCaptureRecord(packed, each);
        expect(unpackCaptureRecords(structuredClone(packed))).toEqual(records);
      }),
      { numRuns },
    );
  });
});
