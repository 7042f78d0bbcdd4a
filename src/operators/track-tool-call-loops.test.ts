import { from } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import { trackToolCallLoops } from './track-tool-call-loops.js';
import type { ToolLoopInfo } from './tool-loop/tool-loop-info.js';
import { defaultToolLoopSettings, type ToolLoopSettings } from './tool-loop/tool-loop-settings.js';
import { ToolLoopTracker } from './tool-loop/tool-loop-tracker.js';

const toolFinish: CanonicalChunk = { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: {} };
const loopFinish: CanonicalChunk = { type: 'finish', finishReason: { unified: 'stop', raw: 'tool_loop_detected' }, usage: {} };
const chance: ToolLoopSettings = { ...defaultToolLoopSettings, mode: 'chance_then_break' };
const blockText =
  "Tool call loop detected: 'calc' invoked with identical parameters 4 times within 120s. " +
  'Session stopped to prevent unintended looping. Try changing your inputs or approach.';

function toolChunks(id: string, toolName: string, input: string, deltas: readonly string[] = [input]): CanonicalChunk[] {
  return [
    { type: 'tool-input-start', id, toolName },
    ...deltas.map((delta): CanonicalChunk => ({ type: 'tool-input-delta', id, delta })),
    { type: 'tool-input-end', id },
    { type: 'tool-call', toolCallId: id, toolName, input },
  ];
}

function noticeBlock(id: string, text: string): CanonicalChunk[] {
  return [
    { type: 'text-start', id },
    { type: 'text-delta', id, delta: text },
    { type: 'text-end', id },
  ];
}

function run(
  tracker: ToolLoopTracker,
  chunks: readonly CanonicalChunk[],
  settings = defaultToolLoopSettings,
  infos: ToolLoopInfo[] = [],
): CanonicalChunk[] {
  const output: CanonicalChunk[] = [];
  from(chunks)
    .pipe(trackToolCallLoops({ tracker, settings, onLoop: (info) => infos.push(info) }))
    .subscribe((chunk) => output.push(chunk));
  assertChunkContract(output, { requireTerminal: true });
  return output;
}

const calcResponse = (id: string): CanonicalChunk[] => [...toolChunks(id, 'calc', '{"x":1}', ['{"x"', ':1}']), toolFinish];

describe('trackToolCallLoops', () => {
  it('should pass allowed calls unchanged and replace the 4th identical call by the block text', () => {
    const tracker = new ToolLoopTracker({ now: () => 0 });
    for (const id of ['c1', 'c2', 'c3']) expect(run(tracker, calcResponse(id))).toEqual(calcResponse(id));
    const infos: ToolLoopInfo[] = [];
    const fourth = run(tracker, calcResponse('c4'), defaultToolLoopSettings, infos);
    expect(fourth).toEqual([...noticeBlock('tool-loop-c4', blockText), loopFinish]);
    expect(infos).toEqual([
      { action: 'block', toolName: 'calc', toolCallId: 'c4', repetitions: 4, mode: 'break', message: blockText },
    ]);
    expect(run(tracker, calcResponse('c5'))[1]).toMatchObject({ type: 'text-delta', delta: expect.stringContaining('5 times') });
  });

  it('should warn in chance mode, let the rest of the response through and finish with stop', () => {
    const tracker = new ToolLoopTracker({ now: () => 0 });
    for (const id of ['c1', 'c2', 'c3']) run(tracker, calcResponse(id), chance);
    const response: CanonicalChunk[] = [
      ...toolChunks('c4', 'calc', '{"x":1}'),
      { type: 'usage', usage: { outputTokens: 7 } },
      toolFinish,
    ];
    const output = run(tracker, response, chance);
    expect(output.map((chunk) => chunk.type).slice(0, 3)).toEqual(['text-start', 'text-delta', 'text-end']);
    expect(output[1]).toMatchObject({ id: 'tool-loop-c4', delta: expect.stringMatching(/^Tool call loop warning: .*will be stopped\.$/) });
    expect(output.slice(3)).toEqual([{ type: 'usage', usage: { outputTokens: 7 } }, loopFinish]);
    const fifth = run(tracker, calcResponse('c5'), chance);
    expect(fifth[1]).toMatchObject({ delta: expect.stringMatching(/^After guidance, /) });
  });

  it('should write the notice into an open text block, as a new paragraph after its text', () => {
    const tracker = new ToolLoopTracker({ now: () => 0 });
    for (const id of ['c1', 'c2', 'c3']) run(tracker, calcResponse(id));
    const output = run(tracker, [
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Again:' },
      ...toolChunks('c4', 'calc', '{"x":1}'),
      { type: 'text-delta', id: 't', delta: 'never seen' },
      { type: 'text-end', id: 't' },
      toolFinish,
    ]);
    expect(output).toEqual([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Again:' },
      { type: 'text-delta', id: 't', delta: `\n\n${blockText}` },
      { type: 'text-end', id: 't' },
      loopFinish,
    ]);
  });

  it('should keep allowed calls of the response and finish with tool-calls when a later call is blocked', () => {
    const tracker = new ToolLoopTracker({ now: () => 0 });
    for (const id of ['c1', 'c2', 'c3']) run(tracker, calcResponse(id));
    const read = toolChunks('r1', 'read', '{"path":"a"}');
    const output = run(tracker, [...read, ...toolChunks('c4', 'calc', '{"x":1}'), toolFinish]);
    expect(output).toEqual([
      ...read,
      ...noticeBlock('tool-loop-c4', blockText),
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_loop_detected' }, usage: {} },
    ]);
  });

  it('should count identical calls within one response once', () => {
    const tracker = new ToolLoopTracker({ now: () => 0 });
    const twice = [...toolChunks('a1', 'calc', '{"x":1}'), ...toolChunks('a2', 'calc', '{"x":1}'), toolFinish];
    expect(run(tracker, twice)).toEqual(twice);
    expect(tracker.size).toBe(1);
    const chanceTracker = new ToolLoopTracker({ now: () => 0 });
    for (const id of ['c1', 'c2', 'c3']) run(chanceTracker, calcResponse(id), chance);
    const sameTwice = [...toolChunks('c4', 'calc', '{"x":1}'), ...toolChunks('c5', 'calc', '{"x": 1}'), toolFinish];
    const output = run(chanceTracker, sameTwice, chance);
    expect(output.filter((chunk) => chunk.type === 'text-delta')).toHaveLength(1); // one warning, not a block
    expect(output.at(-1)).toEqual(loopFinish);
  });

  it('should pass everything through when disabled', () => {
    const tracker = new ToolLoopTracker({ now: () => 0 });
    const settings = { ...defaultToolLoopSettings, enabled: false };
    for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) {
      expect(run(tracker, calcResponse(id), settings)).toEqual(calcResponse(id));
    }
    expect(tracker.size).toBe(0);
  });

  it('should release held tool input that never got its tool-call before an in-band error', () => {
    const tracker = new ToolLoopTracker({ now: () => 0 });
    const error: CanonicalChunk = { type: 'error', error: { code: 'GW_ERR_UPSTREAM_HTTP', statusCode: 500, message: 'boom' } };
    const partial: CanonicalChunk[] = [
      { type: 'tool-input-start', id: 'c1', toolName: 'calc' },
      { type: 'tool-input-delta', id: 'c1', delta: '{"x"' },
    ];
    expect(run(tracker, [...partial, error])).toEqual([...partial, error]);
  });

  describe('timing and cancellation', () => {
    const scheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const operator = (tracker = new ToolLoopTracker({ now: () => 0 })) =>
      trackToolCallLoops({ tracker, settings: defaultToolLoopSettings });

    it('should hold a call until its tool-call and pass text at once', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const [i, d, e, c] = toolChunks('c1', 'calc', '{"x":1}');
        const values = {
          s: { type: 'text-start', id: 't' },
          t: { type: 'text-delta', id: 't', delta: 'hi' },
          E: { type: 'text-end', id: 't' },
          ...{ i, d, e, c, F: toolFinish },
        } as const;
        const source = cold('   -s-t-i-d-e-E-c-----F-|', values);
        const expected = '      -s-t-------E-(idec)F-|';
        expectObservable(source.pipe(operator())).toBe(expected, values);
        expectSubscriptions(source.subscriptions).toBe('^--------------------!');
      });
    });

    it('should end the response and unsubscribe the source at the frame of a blocked call', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tracker = new ToolLoopTracker({ now: () => 0 });
        for (let call = 0; call < 3; call += 1) tracker.check('calc', '{"x":1}');
        const [i, d, e, c] = toolChunks('c4', 'calc', '{"x":1}');
        const [S, T, N] = noticeBlock('tool-loop-c4', blockText);
        const values = {
          r: { type: 'reasoning-start', id: 'r' },
          R: { type: 'reasoning-end', id: 'r' },
          ...{ i, d, e, c, F: toolFinish, S, T, N, f: loopFinish },
        } as const;
        const source = cold('   -r-i-d-e-c-F-|', values);
        const expected = '      -r-------(STNRf|)';
        expectObservable(source.pipe(operator(tracker))).toBe(expected, values);
        expectSubscriptions(source.subscriptions).toBe('^--------!');
      });
    });

    it('should unsubscribe from the source when the consumer unsubscribes', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const [i, d] = toolChunks('c1', 'calc', '{"x":1}');
        const source = cold('   -i-d-d-d-|', { i, d });
        expectObservable(source.pipe(operator()), '^----!').toBe('------', { i, d });
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });
  });
});
