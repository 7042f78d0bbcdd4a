import { from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it, vi } from 'vitest';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { detectRepetitionLoop, formatLoopNotice } from './detect-repetition-loop.js';
import { defaultLoopDetectionSettings } from './loop-detection/loop-detection-settings.js';

const settings = defaultLoopDetectionSettings;
const loading = 'Loading... '.repeat(10); // 110 characters: not yet a loop on its own
const notice = "\n\n[Response cancelled: Loop detected - Pattern 'Loading... ...' repeated 13 times]";

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

const values: Record<string, CanonicalChunk> = {
  s: { type: 'text-start', id: 't' },
  t: { type: 'text-delta', id: 't', delta: loading },
  e: { type: 'text-end', id: 't' },
  u: { type: 'usage', usage: { inputTokens: 12, outputTokens: 40 } },
  r: { type: 'reasoning-start', id: 'r' },
  q: { type: 'reasoning-delta', id: 'r', delta: loading },
  x: { type: 'reasoning-end', id: 'r' },
  f: { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} },
};
// The 2nd delta completes 220 characters; the loop is found at character 149, so 39 of them go out.
const cancelled: Record<string, CanonicalChunk> = {
  ...values,
  n: { type: 'text-delta', id: 't', delta: loading.slice(0, 39) + notice },
  l: { type: 'finish', finishReason: { unified: 'stop', raw: 'loop_detected' }, usage: { inputTokens: 12, outputTokens: 40, totalTokens: undefined, reasoningTokens: undefined, cachedInputTokens: undefined, raw: undefined } },
};

describe('detectRepetitionLoop', () => {
  it('should pass text through at once while there is no loop', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-s-t-e-f|', values);
      expectObservable(source.pipe(detectRepetitionLoop({ settings }))).toBe('-s-t-e-f|', values);
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should emit the notice, close the block, finish and unsubscribe the source at the detection frame', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-s-u-t-t-t-e-f|', values);
      expectObservable(source.pipe(detectRepetitionLoop({ settings }))).toBe('-s-u-t-(nel|)', cancelled);
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('should close an open reasoning block too', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-r-s-t-t-x-e-f|', values);
      const withReasoning = { ...cancelled, l: { ...cancelled.l, ...{ usage: {} } } } as Record<string, CanonicalChunk>;
      expectObservable(source.pipe(detectRepetitionLoop({ settings }))).toBe('-r-s-t-(nexl|)', withReasoning);
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('should not analyse reasoning text', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-r-q-q-q-x-f|', values);
      expectObservable(source.pipe(detectRepetitionLoop({ settings }))).toBe('-r-q-q-q-x-f|', values);
      expectSubscriptions(source.subscriptions).toBe('^-----------!');
    });
  });

  it('should be a pass-through when disabled', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-s-t-t-t-e-f|', values);
      const operator = detectRepetitionLoop({ settings: { ...settings, enabled: false } });
      expectObservable(source.pipe(operator)).toBe('-s-t-t-t-e-f|', values);
      expectSubscriptions(source.subscriptions).toBe('^-----------!');
    });
  });

  it('should forward errors from the source', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-s-t-#', values);
      expectObservable(source.pipe(detectRepetitionLoop({ settings }))).toBe('-s-t-#', values);
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('should call onLoop once with the detection', async () => {
    const onLoop = vi.fn();
    const chunks = await lastValueFrom(
      from([values.s, values.t, values.t, values.t]).pipe(detectRepetitionLoop({ settings, onLoop }), toArray()),
    );
    expect(onLoop).toHaveBeenCalledTimes(1);
    expect(onLoop).toHaveBeenCalledWith({ pattern: 'Loading... ', repetitions: 13, totalLength: 149 });
    expect(chunks.map((chunk) => chunk.type)).toEqual(['text-start', 'text-delta', 'text-delta', 'text-end', 'finish']);
  });

  it('should close a tool input cut short with its tool-call', async () => {
    const chunks = await lastValueFrom(
      from<CanonicalChunk[]>([
        { type: 'tool-input-start', id: 'c1', toolName: 'read_file' },
        { type: 'tool-input-delta', id: 'c1', delta: '{"path":' },
        values.s,
        values.t,
        values.t,
      ]).pipe(detectRepetitionLoop({ settings }), toArray()),
    );
    expect(chunks.slice(-4)).toEqual([
      { type: 'text-end', id: 't' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'read_file', input: '{"path":' },
      expect.objectContaining({ type: 'finish' }),
    ]);
  });

  it('should format the legacy notice with the first 30 characters on one line', () => {
    expect(formatLoopNotice({ pattern: 'Line one\n\nline two is quite a bit longer than that', repetitions: 4, totalLength: 1 })).toBe(
      "\n\n[Response cancelled: Loop detected - Pattern 'Line one line two is quite a b...' repeated 4 times]",
    );
  });

  it('should unsubscribe from the source when the consumer unsubscribes', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-s-t-e-f|', values);
      expectObservable(source.pipe(detectRepetitionLoop({ settings })), '^--!').toBe('-s-', values);
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });
});
