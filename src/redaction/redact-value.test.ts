import { describe, expect, it } from 'vitest';
import { CAPTURE_REDACTION_MARKER, createSecretRedactor } from './redact-secrets.js';
import { redactValue } from './redact-value.js';

const secret = 'sk-proj-Ab12Cd34Ef56Gh78Ij90KlMn';
const redactor = createSecretRedactor({ marker: CAPTURE_REDACTION_MARKER });

describe('redactValue', () => {
  it('should redact strings at any depth and keep everything else', () => {
    const value = {
      model: 'gpt-4o',
      temperature: 0.7,
      stream: true,
      stop: null,
      messages: [{ role: 'user', content: `key ${secret}` }],
      headers: { authorization: `Bearer ${secret}` },
    };
    expect(redactValue(value, redactor)).toEqual({
      ...value,
      messages: [{ role: 'user', content: 'key [REDACTED]' }],
      headers: { authorization: 'Bearer [REDACTED]' },
    });
    expect(value.messages[0]?.content).toBe(`key ${secret}`);
  });

  it('should return the same references where nothing changed', () => {
    const clean = { a: [1, 'two', { three: 'three' }], b: { c: 'd' } };
    expect(redactValue(clean, redactor)).toBe(clean);
    const mixed = { clean: clean.b, dirty: [secret] };
    const redacted = redactValue(mixed, redactor);
    expect(redacted.clean).toBe(clean.b);
    expect(redacted.dirty).toEqual(['[REDACTED]']);
  });

  it('should redact a bare string and pass other primitives and class instances through', () => {
    expect(redactValue(secret, redactor)).toBe('[REDACTED]');
    expect(redactValue(42, redactor)).toBe(42);
    expect(redactValue(undefined, redactor)).toBeUndefined();
    const bytes = new Uint8Array([1, 2, 3]);
    expect(redactValue(bytes, redactor)).toBe(bytes);
  });

  it('should turn a cycle into a marker instead of overflowing the stack', () => {
    const node: Record<string, unknown> = { name: secret };
    node.self = node;
    expect(redactValue(node, redactor)).toEqual({ name: '[REDACTED]', self: '[Circular]' });
  });

  it('should not mistake a shared (non-cyclic) object for a cycle', () => {
    const shared = { token: secret };
    expect(redactValue({ a: shared, b: shared }, redactor)).toEqual({ a: { token: '[REDACTED]' }, b: { token: '[REDACTED]' } });
  });
});
