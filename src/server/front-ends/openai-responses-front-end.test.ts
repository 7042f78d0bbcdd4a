import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { CanonicalResponse } from '../../streams/canonical-response.js';
import type { ResponseContext } from '../front-end.js';
import { createOpenAIResponsesFrontEnd } from './openai-responses-front-end.js';

const context: ResponseContext = {
  id: 'resp_test',
  model: 'm',
  created: 1_700_000_000,
  request: { model: 'm', messages: [], stream: true },
  generateId: (prefix) => `${prefix}1`,
};
const text: CanonicalChunk[] = [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Hi' },
  { type: 'text-end', id: 't' },
  { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} },
];

describe('createOpenAIResponsesFrontEnd', () => {
  it('should report the response before the terminal event goes out', async () => {
    const order: string[] = [];
    const frontEnd = createOpenAIResponsesFrontEnd({
      echo: { instructions: 'Be brief' },
      onResponse: (response, seen) => order.push(`saved ${seen.id} ${response.content[0]?.type === 'text' ? response.content[0].text : ''}`),
    });
    const events = await lastValueFrom(
      from(text).pipe(frontEnd.encodeStream(context), toArray()),
    );
    for (const event of events) order.push(event.event ?? '');
    // onResponse ran synchronously while `finish` passed, i.e. before response.completed was emitted
    expect(order[0]).toBe('saved resp_test Hi');
    const completed = JSON.parse(events.at(-1)?.data ?? '{}') as { type: string; response: { id: string; instructions: string } };
    expect(completed.type).toBe('response.completed');
    expect(completed.response).toMatchObject({ id: 'resp_test', instructions: 'Be brief' });
  });

  it('should not report a response that ended in an error', async () => {
    const saved: CanonicalResponse[] = [];
    const frontEnd = createOpenAIResponsesFrontEnd({ onResponse: (response) => saved.push(response) });
    const failing: CanonicalChunk[] = [text[0] as CanonicalChunk, { type: 'error', error: { code: 'GW_ERR_UPSTREAM_STREAM_ERROR', statusCode: 502, message: 'boom' } }];
    const events = await lastValueFrom(from(failing).pipe(frontEnd.encodeStream(context), toArray()));
    expect(events.at(-1)?.event).toBe('response.failed');
    expect(saved).toEqual([]);
  });

  it('should report and encode a non-streaming body with the context id', () => {
    const saved: string[] = [];
    const frontEnd = createOpenAIResponsesFrontEnd({ onResponse: (_response, seen) => saved.push(seen.id) });
    const response: CanonicalResponse = { content: [{ type: 'text', text: 'Hi' }], finishReason: { unified: 'stop', raw: 'stop' }, usage: {}, warnings: [] };
    const body = frontEnd.encodeBody(response, context) as { id: string; output_text: string };
    expect(body).toMatchObject({ id: 'resp_test', output_text: 'Hi' });
    expect(saved).toEqual(['resp_test']);
  });

  it('should render errors in the OpenAI shape with Retry-After', async () => {
    const { GatewayError } = await import('../../errors/index.js');
    const rendered = createOpenAIResponsesFrontEnd().renderError(new GatewayError('GW_ERR_RATE_LIMITED', 'slow down', { info: { retryAfterSeconds: 2.5 } }));
    expect(rendered).toMatchObject({ statusCode: 429, headers: { 'retry-after': '3' }, body: { error: { code: 'GW_ERR_RATE_LIMITED', type: 'rate_limit_error' } } });
  });
});
