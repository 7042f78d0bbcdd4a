import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { createSharedRing, ringRecordBound, RingReader, RingWriter, type RingValue } from './shared-ring.js';

const value: fc.Arbitrary<RingValue> = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 300 }), fc.double(), fc.constant(null));
const operation = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.array(value, { maxLength: 6 }), fc.boolean()).map(([values, marked]) => ({ kind: 'write' as const, values, marked })) },
  { weight: 1, arbitrary: fc.nat({ max: 8 }).map((count) => ({ kind: 'drain' as const, count })) },
);

describe('shared ring (properties)', () => {
  it('should give back every record it accepted, whole and in order, across wraps and partial drains', () => {
    fc.assert(
      fc.property(fc.integer({ min: 64, max: 2048 }), fc.array(operation, { maxLength: 200 }), (capacity, operations) => {
        const buffer = createSharedRing(capacity);
        const writer = new RingWriter(buffer);
        const reader = new RingReader(buffer);
        const pending: { values: RingValue[]; marked: boolean }[] = [];
        let taken = 0;
        for (const step of operations) {
          if (step.kind === 'write') {
            const wasEmpty = pending.length === 0;
            const accepted = writer.write(step.values, step.marked);
            if (accepted) pending.push({ values: step.values, marked: step.marked });
            // Whatever fits in a quarter of the ring always fits an empty ring, wherever it stands.
            if (wasEmpty && ringRecordBound(step.values) <= capacity / 4) expect(accepted).toBe(true);
          } else {
            const out: { values: RingValue[]; marked: boolean }[] = [];
            const count = reader.drain((record, marked) => {
              if (out.length === step.count) return false;
              out.push({ values: record.values(), marked });
              return true;
            });
            expect(count).toBe(out.length);
            expect(out).toEqual(pending.splice(0, out.length));
            taken += count;
            expect(writer.taken()).toBe(taken);
          }
        }
        const rest: { values: RingValue[]; marked: boolean }[] = [];
        reader.drain((record, marked) => rest.push({ values: record.values(), marked }) > 0);
        expect(rest).toEqual(pending);
      }),
      { numRuns },
    );
  });
});
