import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { CAPTURE_REDACTION_MARKER, createSecretPrecheck, createSecretRedactor, precheckFitsJson } from '../redaction/redact-secrets.js';
import { formatCaptureLine, type CaptureDirection, type CaptureRecord } from './capture-entry.js';
import { encodeCaptureRecord } from './capture-worker-protocol.js';
import type { CaptureLineWriter } from './capture-writer.js';
import { createCaptureLineEncoder } from './encode-capture-line.js';
import { createSharedRing, RingReader, RingWriter } from './shared-ring.js';

const knownSecret = 'configured-key-0042';
const formatKey = ['sk', '-proj-', 'Ab12Cd34Ef56Gh78Ij90KlMn'].join('');
const redaction = { knownSecrets: [knownSecret], marker: CAPTURE_REDACTION_MARKER };
const redactor = createSecretRedactor(redaction);
const encodeLine = createCaptureLineEncoder({ redactor, mayHoldSecret: createSecretPrecheck(redaction) });

/** Text with quotes, backslashes, control characters, non-ASCII, and now and then a secret. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0001', '\u007f', 'é', '😀', 'a', ' ') }),
  fc.tuple(fc.string(), fc.constantFrom(knownSecret, formatKey, 'Bearer abc'), fc.string()).map((parts) => parts.join('')),
);
const record: fc.Arbitrary<CaptureRecord> = fc
  .record({
    direction: fc.constantFrom<CaptureDirection>('outbound_request', 'stream_start', 'stream_chunk', 'stream_end'),
    context: fc.record(
      { source: text, destination: fc.string(), sessionId: text, requestId: fc.string(), clientHost: fc.string(), userAgent: text },
      { requiredKeys: ['source', 'destination'] },
    ),
    now: fc.oneof(fc.integer({ min: 0, max: 4e12 }), fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true })),
    sequence: fc.nat(),
    metadata: fc.option(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('request_id', '7', 'reason', '__proto__', 'chunk_number')), fc.oneof(fc.jsonValue(), text, fc.integer(), fc.constant(null))), { nil: undefined }),
    body: fc.oneof(
      fc.record({ payload: text }),
      fc.record({ payload: fc.constant(null) }),
      fc.record({ payload: fc.jsonValue() }),
      fc.jsonValue().map((value) => ({ payloadJson: JSON.stringify(value) })),
      fc.record({ a: text, b: fc.array(text) }).map((value) => ({ payloadJson: JSON.stringify(value) })),
    ),
  })
  .map(({ body, metadata, ...rest }) => ({ ...rest, ...(metadata === undefined ? {} : { metadata }), ...body }));

/** A writer that keeps each line the encoder writes. */
function lineCollector(): { writer: CaptureLineWriter; lines: string[] } {
  const lines: string[] = [];
  const writeLine = (line: string): boolean => {
    lines.push(line);
    return true;
  };
  const unused = (): never => {
    throw new Error('not used');
  };
  return { writer: { writeLine, write: unused, flush: unused, close: unused, stats: unused }, lines };
}

describe('createCaptureLineEncoder (properties)', () => {
  it('should write exactly the line formatCaptureLine builds, for every record it takes', () => {
    let taken = 0;
    fc.assert(
      fc.property(record, (each) => {
        const buffer = createSharedRing(1 << 16);
        new RingWriter(buffer).write(encodeCaptureRecord(each));
        const { writer, lines } = lineCollector();
        let accepted = false;
        new RingReader(buffer).drain((ringRecord) => {
          accepted = encodeLine(ringRecord, writer);
          return true;
        });
        if (!accepted) return;
        taken += 1;
        expect(lines).toEqual([`${formatCaptureLine({ ...each, redactor })}\n`]);
      }),
      { numRuns: numRuns * 5 },
    );
    // Random records often hold a candidate or odd metadata; the fast path must still run often.
    expect(taken).toBeGreaterThan(numRuns / 10);
  });

  it('should leave records with a secret candidate, and every record when a known key could hide in JSON escapes, to the ordinary path', () => {
    const context = { source: 'proxy', destination: 'openai' };
    const withSecret = encodeCaptureRecord({ direction: 'stream_chunk', payload: `data: ${formatKey}`, context, now: 1, sequence: 1 });
    const plain = encodeCaptureRecord({ direction: 'stream_chunk', payload: 'data: hi', context, now: 1, sequence: 2 });
    const quoted = { knownSecrets: ['key"with-quote'], marker: CAPTURE_REDACTION_MARKER };
    expect(precheckFitsJson(quoted)).toBe(false);
    const off = createCaptureLineEncoder({ redactor: createSecretRedactor(quoted), mayHoldSecret: undefined });
    const buffer = createSharedRing(1 << 12);
    const ring = new RingWriter(buffer);
    ring.write(withSecret);
    ring.write(plain);
    ring.write(plain);
    const { writer } = lineCollector();
    const results: boolean[] = [];
    let index = 0;
    new RingReader(buffer).drain((ringRecord) => {
      results.push(index++ === 2 ? off(ringRecord, writer) : encodeLine(ringRecord, writer));
      return true;
    });
    expect(results).toEqual([false, true, false]);
  });
});
