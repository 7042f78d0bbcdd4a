import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPTURE_REDACTION_MARKER, createSecretRedactor } from '../redaction/redact-secrets.js';
import { buildCaptureEntry, formatCaptureSource, formatCaptureTimestamp, type CaptureContext } from './capture-entry.js';

const secret = ['sk', '-proj-', 'Ab12Cd34Ef56Gh78Ij90KlMn'].join('');
const redactor = createSecretRedactor({ knownSecrets: ['proxy-key-123456'], marker: CAPTURE_REDACTION_MARKER });
const context: CaptureContext = {
  sessionId: 'session-123',
  backend: 'qwen-oauth',
  model: 'qwen3-coder-plus',
  keyName: 'QWEN_API_KEY',
  source: '127.0.0.1(Cline/1.0)',
  destination: 'qwen-oauth',
  requestId: 'req_abc123',
  clientHost: '127.0.0.1',
  userAgent: 'Cline/1.0',
};
const now = Date.UTC(2025, 0, 10, 15, 58, 41, 39);

describe('buildCaptureEntry', () => {
  it('should build the seed line format for a JSON payload, redacted', () => {
    const payload = { model: 'qwen3-coder-plus', messages: [{ role: 'user', content: `key ${secret}` }], temperature: 0.7 };
    const entry = buildCaptureEntry({ direction: 'outbound_request', payload, context, now, sequence: 7, redactor });
    expect(entry).toEqual({
      timestamp_iso: '2025-01-10T15:58:41.039+00:00',
      timestamp_unix: 1736524721.039,
      sequence: 7,
      direction: 'outbound_request',
      source: '127.0.0.1(Cline/1.0)',
      destination: 'qwen-oauth',
      session_id: 'session-123',
      backend: 'qwen-oauth',
      model: 'qwen3-coder-plus',
      key_name: 'QWEN_API_KEY',
      content_type: 'json',
      content_length: Buffer.byteLength(JSON.stringify(payload)),
      payload: { ...payload, messages: [{ role: 'user', content: 'key [REDACTED]' }] },
      metadata: { client_host: '127.0.0.1', user_agent: 'Cline/1.0', request_id: 'req_abc123' },
    });
  });

  it('should measure text in UTF-8 bytes and redact it', () => {
    const entry = buildCaptureEntry({ direction: 'stream_chunk', payload: `é proxy-key-123456`, context, now, sequence: 1, redactor });
    expect(entry).toMatchObject({ content_type: 'text', content_length: 19, payload: 'é [REDACTED]' });
  });

  it('should store bytes as base64, redacting them when they are UTF-8 text', () => {
    const text = `data: {"key":"${secret}"}\n\n`;
    const entry = buildCaptureEntry({ direction: 'stream_chunk', payload: new TextEncoder().encode(text), context, now, sequence: 1, redactor });
    expect(entry.content_type).toBe('bytes');
    expect(entry.content_length).toBe(Buffer.byteLength(text));
    const { encoding, data } = entry.payload as { encoding: string; data: string };
    expect(encoding).toBe('base64');
    expect(Buffer.from(data, 'base64').toString('utf8')).toBe('data: {"key":"[REDACTED]"}\n\n');
    const binary = new Uint8Array([0xff, 0xfe, 0x00]);
    const raw = buildCaptureEntry({ direction: 'stream_chunk', payload: binary, context, now, sequence: 2, redactor });
    expect(raw.payload).toEqual({ encoding: 'base64', data: '//4A' });
  });

  it('should fill missing context with null and redact extra metadata', () => {
    const entry = buildCaptureEntry({
      direction: 'stream_end',
      payload: null,
      context: { source: 'proxy', destination: 'openai' },
      now,
      sequence: 1,
      redactor,
      metadata: { reason: 'error', error: `upstream said Bearer ${secret}` },
    });
    expect(entry).toMatchObject({ session_id: null, backend: null, model: null, key_name: null, content_length: 4 });
    expect(entry.metadata).toEqual({ client_host: null, user_agent: null, request_id: null, reason: 'error', error: 'upstream said Bearer [REDACTED]' });
  });
  it('should redact the context too, once per context, and reuse it across entries', () => {
    const leaky: CaptureContext = { ...context, userAgent: `agent ${secret}`, source: formatCaptureSource('10.0.0.1', `agent ${secret}`) };
    const first = buildCaptureEntry({ direction: 'stream_start', payload: null, context: leaky, now, sequence: 1, redactor });
    const second = buildCaptureEntry({ direction: 'stream_end', payload: null, context: leaky, now, sequence: 2, redactor, metadata: { reason: 'complete' } });
    expect(first.source).toBe('10.0.0.1(agent [REDACTED])');
    expect(first.metadata).toEqual({ client_host: '127.0.0.1', user_agent: 'agent [REDACTED]', request_id: 'req_abc123' });
    expect(second.metadata).toEqual({ ...first.metadata, reason: 'complete' });
    expect(JSON.stringify([first, second])).not.toContain(secret);
    const other = createSecretRedactor({ knownSecrets: ['req_abc123'], patterns: false, marker: CAPTURE_REDACTION_MARKER });
    expect(buildCaptureEntry({ direction: 'stream_start', payload: null, context: leaky, now, sequence: 3, redactor: other }).metadata).toMatchObject({ request_id: '[REDACTED]' });
  });

  it('should read a payload given as the JSON text sent, measuring that text', () => {
    const text = JSON.stringify({ messages: [{ content: `é ${secret}` }] }, null, 1);
    const entry = buildCaptureEntry({ direction: 'outbound_request', payloadJson: text, context, now, sequence: 1, redactor });
    expect(entry).toMatchObject({ content_type: 'json', content_length: Buffer.byteLength(text), payload: { messages: [{ content: 'é [REDACTED]' }] } });
    const notJson = buildCaptureEntry({ direction: 'outbound_request', payloadJson: `{"cut": "${secret}`, context, now, sequence: 2, redactor });
    expect(notJson).toMatchObject({ content_type: 'text', payload: '{"cut": "[REDACTED]' });
  });
});

describe('formatCaptureSource', () => {
  it('should label the client the way the seed does', () => {
    expect(formatCaptureSource('127.0.0.1', 'Cline/1.0')).toBe('127.0.0.1(Cline/1.0)');
    expect(formatCaptureSource('127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(formatCaptureSource(undefined, 'curl/8')).toBe('unknown_host(curl/8)');
    expect(formatCaptureSource(undefined, undefined)).toBe('unknown_client');
  });
});

describe('formatCaptureTimestamp', () => {
  it('should equal the ISO form with an explicit zone for any instant', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 - 1000 }), fc.integer({ min: 1.6e12, max: 2e12 })), fc.double({ min: 0, max: 1, noNaN: true }), (now, fraction) => {
        for (const instant of [now, now + fraction, now + 1, now + 999]) {
          expect(formatCaptureTimestamp(instant)).toBe(`${new Date(instant).toISOString().slice(0, -1)}+00:00`);
        }
      }),
    );
    expect(formatCaptureTimestamp(Date.UTC(2025, 0, 10, 15, 58, 41, 39))).toBe('2025-01-10T15:58:41.039+00:00');
    expect(formatCaptureTimestamp(Date.UTC(2025, 0, 10, 15, 58, 41, 0))).toBe('2025-01-10T15:58:41.000+00:00');
  });
});
