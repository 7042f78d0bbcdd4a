import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import { createUsageMeter } from './usage-meter.js';

const request: CanonicalRequest = { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: 'Count me' }] }] };

describe('createUsageMeter', () => {
  it("should report the upstream's usage as it is, with nothing left to count", () => {
    const meter = createUsageMeter(() => 5);
    meter.observe({ type: 'text-delta', id: 't', delta: 'Hi' });
    meter.observe({ type: 'usage', usage: { inputTokens: 9, outputTokens: 2, reasoningTokens: 1 } });
    expect(meter.tokens(request, 'gpt-4o')).toEqual({ inputTokens: 9, outputTokens: 2, reasoningTokens: 1, tokensEstimated: false });
    expect(meter.firstChunkAt()).toBe(5);
  });

  it('should leave the counts the upstream did not send to the row writer, with what it needs to make them', () => {
    const meter = createUsageMeter(() => 0);
    meter.observe({ type: 'text-delta', id: 't', delta: 'Hello, ' });
    meter.observe({ type: 'text-delta', id: 't', delta: 'world' });
    // A client that hung up mid-answer: no usage arrived.
    expect(meter.tokens(request, 'gpt-4o')).toEqual({
      tokensEstimated: true,
      pendingCount: { model: 'gpt-4o', input: { texts: ['Count me'], fixed: 6 }, output: 'Hello, world' },
    });
  });

  it('should keep a count the upstream did send and leave only the other one pending', () => {
    const meter = createUsageMeter(() => 0);
    meter.observe({ type: 'usage', usage: { inputTokens: 9 } });
    meter.observe({ type: 'text-delta', id: 't', delta: 'partial' });
    expect(meter.tokens(request, 'gpt-4o')).toEqual({ inputTokens: 9, tokensEstimated: true, pendingCount: { model: 'gpt-4o', output: 'partial' } });
  });
});
