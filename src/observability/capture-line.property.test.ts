import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { CAPTURE_REDACTION_MARKER, createSecretRedactor } from '../redaction/redact-secrets.js';
import { buildCaptureEntry, formatCaptureLine, type CaptureDirection, type CaptureEntryInput } from './capture-entry.js';

const secret = ['sk', '-proj-', 'Ab12Cd34Ef56Gh78Ij90KlMn'].join('');
const redactor = createSecretRedactor({ knownSecrets: ['known-secret-value'], marker: CAPTURE_REDACTION_MARKER });
const text = fc.oneof(fc.string(), fc.constantFrom(secret, `Bearer ${secret}`, 'known-secret-value', 'é "quoted" \n\t\u2028'));
const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });
const metadataKey = fc.oneof(fc.string(), fc.constantFrom('client_host', 'request_id', '0', '17', 'reason', 'protocol_event', '__proto__'));
const value = fc.oneof(fc.jsonValue(), text, fc.constant(undefined));

const input: fc.Arbitrary<CaptureEntryInput> = fc
  .record({
    direction: fc.constantFrom<CaptureDirection>('outbound_request', 'stream_start', 'stream_chunk', 'stream_end'),
    // Optional context fields absent rather than undefined, as the gateway builds them.
    context: fc.record(
      { source: text, destination: text, sessionId: text, backend: text, model: text, keyName: text, requestId: text, clientHost: text, userAgent: text },
      { requiredKeys: ['source', 'destination'] },
    ),
    now: fc.oneof(fc.integer({ min: 0, max: 4e12 }), fc.double({ min: 0, max: 4e12, noNaN: true })),
    sequence: fc.nat(),
    metadata: optional(fc.dictionary(metadataKey, value)),
    body: fc.oneof(
      fc.record({ payload: fc.oneof(value, fc.record({ data: text }), fc.uint8Array(), fc.constant(null)) }),
      fc.record({ payloadJson: fc.oneof(fc.json(), text) }),
    ),
  })
  .map(({ body, metadata, ...rest }) => ({
    ...rest,
    ...(metadata === undefined ? {} : { metadata }),
    ...body,
    redactor,
  }));

describe('formatCaptureLine', () => {
  it('should be exactly the JSON of the entry buildCaptureEntry builds', () => {
    fc.assert(
      fc.property(input, (each) => {
        expect(formatCaptureLine(each)).toBe(JSON.stringify(buildCaptureEntry(each)));
      }),
      { numRuns: numRuns * 5 },
    );
  });

  it('should reuse the context across lines and still mask it', () => {
    const context = { source: `10.0.0.1(${secret})`, destination: 'openai', requestId: 'r1' };
    const lines = [1, 2].map((sequence) => formatCaptureLine({ direction: 'stream_chunk', payload: { data: secret }, context, now: 1_736_524_721_039, sequence, redactor }));
    expect(lines.join('\n')).not.toContain(secret);
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ source: '10.0.0.1([REDACTED])', sequence: 2, payload: { data: '[REDACTED]' } });
  });
});
