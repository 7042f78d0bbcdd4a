import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../streams/canonical-request.js';
import { PROMPT_REDACTION_MARKER, createSecretRedactor } from './redact-secrets.js';
import { redactCanonicalRequest } from './redact-request.js';

const secret = 'configured-key-0123456789';
const redactor = createSecretRedactor({ knownSecrets: [secret] });
const marker = PROMPT_REDACTION_MARKER;

const request: CanonicalRequest = {
  model: 'gpt-4o',
  stream: true,
  messages: [
    { role: 'system', content: `system knows ${secret}` },
    {
      role: 'user',
      content: [
        { type: 'text', text: `user pastes ${secret}` },
        { type: 'image', mediaType: 'image/png', data: secret },
        { type: 'text', text: 'nothing here' },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: `thinking about ${secret}` },
        { type: 'text', text: `assistant echoes ${secret}` },
        { type: 'tool-call', toolCallId: 'c1', toolName: 'shell', input: JSON.stringify({ command: `curl -H "x-key: ${secret}"` }) },
      ],
    },
    {
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'c1', output: [{ type: 'text', text: `tool printed ${secret}` }] }],
    },
    { role: 'user', content: [{ type: 'text', text: 'untouched' }] },
  ],
};

describe('redactCanonicalRequest', () => {
  it('should redact text in every role and count each replacement', () => {
    const { request: redacted, count } = redactCanonicalRequest(request, redactor);
    expect(count).toBe(5);
    const [system, user, assistant, tool] = redacted.messages;
    expect(system).toEqual({ role: 'system', content: `system knows ${marker}` });
    expect(user?.role === 'user' && user.content[0]).toEqual({ type: 'text', text: `user pastes ${marker}` });
    expect(assistant?.role === 'assistant' && assistant.content[1]).toEqual({ type: 'text', text: `assistant echoes ${marker}` });
    const call = assistant?.role === 'assistant' ? assistant.content[2] : undefined;
    expect(call?.type === 'tool-call' && JSON.parse(call.input)).toEqual({ command: `curl -H "x-key: ${marker}"` });
    const result = tool?.role === 'tool' ? tool.content[0]?.output[0] : undefined;
    expect(result).toEqual({ type: 'text', text: `tool printed ${marker}` });
    expect(JSON.stringify(redacted.messages)).toContain(`thinking about ${secret}`);
  });

  it('should share every unchanged message and part with the input', () => {
    const { request: redacted } = redactCanonicalRequest(request, redactor);
    expect(redacted.messages[4]).toBe(request.messages[4]);
    const [user, original] = [redacted.messages[1], request.messages[1]];
    expect(user?.role === 'user' && original?.role === 'user' && user.content[1] === original.content[1]).toBe(true);
    expect(user?.role === 'user' && original?.role === 'user' && user.content[2] === original.content[2]).toBe(true);
    expect(request.messages[0]).toEqual({ role: 'system', content: `system knows ${secret}` });
  });

  it('should return the very same request when nothing matched', () => {
    const clean: CanonicalRequest = { ...request, messages: [request.messages[4]!] };
    const result = redactCanonicalRequest(clean, redactor);
    expect(result.request).toBe(clean);
    expect(result.count).toBe(0);
  });
});
