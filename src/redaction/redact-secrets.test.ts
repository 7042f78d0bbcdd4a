import { describe, expect, it } from 'vitest';
import { CAPTURE_REDACTION_MARKER, PROMPT_REDACTION_MARKER, createSecretRedactor } from './redact-secrets.js';

/** Keys are assembled from pieces so that secret scanners never see a key-shaped literal here. */
const key = (...parts: string[]): string => parts.join('');
const body = (length: number, alphabet = 'Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv'): string =>
  Array.from({ length }, (_, index) => alphabet[(index * 7) % alphabet.length]).join('');

const samples: ReadonlyArray<readonly [string, string]> = [
  ['openai legacy', key('sk', '-', body(48))],
  ['openai project', key('sk', '-proj-', body(60, 'aB3_cD4-eF5gH6'))],
  ['openai service account', key('sk', '-svcacct-', body(40))],
  ['anthropic', key('sk', '-ant-', 'api03-', body(90, 'xY7_zW8-vU9t'))],
  ['openrouter', key('sk', '-or-v1-', body(64, '0123456789abcdef'))],
  ['google', key('AI', 'za', body(35, 'Sy9_Bx-2Qw'))],
  ['groq', key('gs', 'k_', body(52))],
  ['xai', key('xa', 'i-', body(80))],
  ['github classic', key('gh', 'p_', body(36))],
  ['github oauth', key('gh', 'o_', body(36))],
  ['github user-to-server', key('gh', 'u_', body(36))],
  ['github server-to-server', key('gh', 's_', body(36))],
  ['github refresh', key('gh', 'r_', body(36))],
  ['github fine-grained', key('github', '_pat_', body(82, 'A1_b2C3d'))],
  ['aws access key id', key('AK', 'IA', body(16, 'ABCDEFGHIJ234567'))],
  ['aws session key id', key('AS', 'IA', body(16, 'QRSTUVWXYZ234567'))],
  ['slack', key('xo', 'xb-', '1234567890-', body(24))],
  ['huggingface', key('hf', '_', body(34))],
  ['zai', key(body(32, '0123456789abcdef'), '.', body(16))],
];

describe('createSecretRedactor', () => {
  it('should redact every common key format with the prompt marker', () => {
    const redact = createSecretRedactor();
    for (const [name, secret] of samples) {
      const result = redact(`use "${secret}" for the call`);
      expect({ name, ...result }).toEqual({ name, text: `use "${PROMPT_REDACTION_MARKER}" for the call`, count: 1 });
    }
  });

  it('should keep the Bearer scheme and replace only the token', () => {
    const redact = createSecretRedactor({ marker: CAPTURE_REDACTION_MARKER });
    const token = key('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxIn0', '.', 'c2lnbmF0dXJl');
    expect(redact(`Authorization: Bearer ${token}`)).toEqual({ text: 'Authorization: Bearer [REDACTED]', count: 1 });
    expect(redact(`authorization: bearer\t${token}`).text).toBe('authorization: bearer\t[REDACTED]');
    const github = key('gh', 'p_', body(36));
    expect(redact(`Bearer ${github}`).text).toBe('Bearer [REDACTED]');
  });

  it('should replace known values exactly, longest first, so a short key never leaves a long key tail', () => {
    const short = 'abcdef123456';
    const long = `${short}XYZ789`;
    const redact = createSecretRedactor({ knownSecrets: [short, long], patterns: false });
    expect(redact(`my ${long} key and ${short}`)).toEqual({
      text: `my ${PROMPT_REDACTION_MARKER} key and ${PROMPT_REDACTION_MARKER}`,
      count: 2,
    });
  });

  it('should match known values anywhere, even glued to other text, and escape regex characters', () => {
    const redact = createSecretRedactor({ knownSecrets: ['p@ss.w0rd+(x)*'], patterns: false });
    expect(redact('xxp@ss.w0rd+(x)*yy').text).toBe(`xx${PROMPT_REDACTION_MARKER}yy`);
    expect(redact('p@ssXw0rd+(x)').count).toBe(0);
  });

  it('should ignore empty and very short known values', () => {
    const redact = createSecretRedactor({ knownSecrets: ['', '   ', 'abc'], patterns: false });
    expect(redact('abc abc')).toEqual({ text: 'abc abc', count: 0 });
  });

  it('should only redact known values when patterns are switched off', () => {
    const redact = createSecretRedactor({ knownSecrets: ['my-proxy-key-1'], patterns: false });
    const openai = key('sk', '-', body(48));
    expect(redact(`${openai} my-proxy-key-1`).text).toBe(`${openai} ${PROMPT_REDACTION_MARKER}`);
  });

  it('should count several secrets in one text', () => {
    const redact = createSecretRedactor();
    const text = samples.map(([, secret]) => secret).join('\n');
    const result = redact(text);
    expect(result.count).toBe(samples.length);
    expect(result.text.split('\n').every((line) => line === PROMPT_REDACTION_MARKER)).toBe(true);
  });

  it('should leave ordinary prose and code alone and return the same text', () => {
    const redact = createSecretRedactor();
    const harmless = [
      'the task-force met at the desk-side',
      'sk-',
      'sk-abc',
      'sk-learn-is-a-python-library-for-ml',
      'risk-0123456789ABCDEFGHIJKLMNOP',
      'use a Bearer token, see Bearer authentication',
      'AKIA alone, and ASIAPACIFICREGIONALOFFICES in caps',
      'the xai-grok model and gsk_ and ghp_ prefixes, github_pat_ too',
      'hf_hub and xoxb- are prefixes; AIzaShort is short',
      'const sk_live = 1; function ghost_writer() {}',
      'commit 3f786850e387550fdab836ed7e6dc881de23001b and uuid 123e4567-e89b-12d3-a456-426614174000',
      '',
    ];
    for (const text of harmless) {
      const result = redact(text);
      expect(result).toEqual({ text, count: 0 });
    }
  });
});
