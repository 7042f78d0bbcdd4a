import { from, of, throwError, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { defaultEmptyResponsePrompt, recoverEmptyResponse, type EmptyResponseRetryInfo } from './recover-empty-response.js';

const start: CanonicalChunk = { type: 'stream-start', warnings: [] };
const finish: CanonicalChunk = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} };
const text = (delta: string, id = 't'): CanonicalChunk[] => [
  { type: 'text-start', id },
  { type: 'text-delta', id, delta },
  { type: 'text-end', id },
];
const reasoning = (delta: string): CanonicalChunk[] => [
  { type: 'reasoning-start', id: 'r' },
  { type: 'reasoning-delta', id: 'r', delta },
  { type: 'reasoning-end', id: 'r' },
];
const answer: CanonicalChunk[] = [start, ...text('Hello'), finish];

function run(chunks: readonly CanonicalChunk[], retry: () => Observable<CanonicalChunk>, countReasoningAsContent?: boolean) {
  const output: CanonicalChunk[] = [];
  const retries: EmptyResponseRetryInfo[] = [];
  let retried = 0;
  from(chunks)
    .pipe(
      recoverEmptyResponse({
        retry: () => {
          retried += 1;
          return retry();
        },
        countReasoningAsContent,
        onRetry: (info) => retries.push(info),
      }),
    )
    .subscribe((chunk) => output.push(chunk));
  return { output, retries, retried };
}

describe('recoverEmptyResponse', () => {
  it('should pass a response with content through unchanged, without retrying', () => {
    const toolOnly: CanonicalChunk[] = [start, { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' }, finish];
    for (const response of [answer, toolOnly]) {
      const { output, retried } = run(response, () => of(...answer));
      expect(output).toEqual(response);
      expect(retried).toBe(0);
    }
  });

  it('should retry once when the response has no content, discarding it', () => {
    const empty = [start, ...text('  \n'), finish];
    const { output, retries } = run(empty, () => from(answer));
    expect(output).toEqual(answer);
    expect(retries).toEqual([{ discardedChunks: 5, finishReason: finish.finishReason }]);
  });

  it('should pass a second empty answer through as it is', () => {
    const empty = [start, finish];
    const { output, retried } = run(empty, () => from(empty));
    expect(output).toEqual(empty);
    expect(retried).toBe(1);
  });

  it('should count reasoning as content unless told not to', () => {
    const thinking = [start, ...reasoning('hmm'), finish];
    expect(run(thinking, () => from(answer)).output).toEqual(thinking);
    expect(run(thinking, () => from(answer), false).output).toEqual(answer);
  });

  it('should pass an in-band error at once, with what was held before it', () => {
    const error: CanonicalChunk = {
      type: 'error',
      error: { code: 'GW_ERR_UPSTREAM_HTTP', statusCode: 500, message: 'boom' },
    };
    const { output, retried } = run([start, error], () => from(answer));
    expect(output).toEqual([start, error]);
    expect(retried).toBe(0);
  });

  it('should drop what was held when the source errors, so nothing went out before the error', () => {
    const output: CanonicalChunk[] = [];
    let failure: unknown;
    throwError(() => new Error('reset'))
      .pipe(recoverEmptyResponse({ retry: () => from(answer) }))
      .subscribe({ next: (chunk) => output.push(chunk), error: (error: unknown) => (failure = error) });
    expect(output).toEqual([]);
    expect(failure).toBeInstanceOf(Error);
  });

  it('should offer the seed fallback steering prompt', () => {
    expect(defaultEmptyResponsePrompt).toBe(
      'The previous response was empty. Please provide a valid response with either text content or tool calls. Never return an empty response.',
    );
  });

  describe('timing and cancellation', () => {
    const scheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

    it('should hold chunks until the first content, then pass through', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const [s, d, e] = text('Hi');
        const values = { a: start, w: { type: 'text-delta', id: 't', delta: ' ' }, s, d, e, f: finish } as const;
        const source = cold('  -a-s-w-d-----e-f-|', values);
        const expected = '     -------(aswd)e-f-|';
        const retry = cold('   -a-|', values);
        expectObservable(source.pipe(recoverEmptyResponse({ retry: () => retry }))).toBe(expected, values);
        expectSubscriptions(source.subscriptions).toBe('^----------------!');
        expectSubscriptions(retry.subscriptions).toBe([]);
      });
    });

    it('should switch to the retry when the source completes empty, the source already unsubscribed', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const [s, d, e] = text('Hi');
        const values = { a: start, s, d, e, f: finish } as const;
        const source = cold('  -a-f-|', values);
        const retry = cold('        -a-s-d-e-f-|', values);
        const expected = '     ------a-s-d-e-f-|';
        expectObservable(source.pipe(recoverEmptyResponse({ retry: () => retry }))).toBe(expected, values);
        expectSubscriptions(source.subscriptions).toBe('^----!');
        expectSubscriptions(retry.subscriptions).toBe('-----^----------!');
      });
    });

    it('should unsubscribe from the retry when the consumer unsubscribes', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const values = { a: start, f: finish, t: text('x')[1] } as const;
        const source = cold('  -a-f-|', values);
        const retry = cold('        -a-t-t-t-|', values);
        expectObservable(source.pipe(recoverEmptyResponse({ retry: () => retry })), '^------!').toBe('------a-', values);
        expectSubscriptions(source.subscriptions).toBe('^----!');
        expectSubscriptions(retry.subscriptions).toBe('-----^-!');
      });
    });
  });
});
