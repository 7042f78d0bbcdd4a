import { describe, expect, it } from 'vitest';
import { defaultToolLoopSettings, type ToolLoopSettings } from './tool-loop-settings.js';
import { ToolLoopTracker } from './tool-loop-tracker.js';

const chance: ToolLoopSettings = { ...defaultToolLoopSettings, mode: 'chance_then_break' };

function fakeClock(start = 0): { now: () => number; advance: (seconds: number) => void } {
  let time = start;
  return { now: () => time, advance: (seconds) => (time += seconds * 1000) };
}

describe('ToolLoopTracker', () => {
  it('should pass three identical calc({"x":1}) calls and block the 4th and the 5th (SEED-SPEC §13.11)', () => {
    const tracker = new ToolLoopTracker({ now: fakeClock().now });
    const decisions = Array.from({ length: 5 }, () => tracker.check('calc', '{"x":1}'));
    expect(decisions.slice(0, 3)).toEqual([{ action: 'allow' }, { action: 'allow' }, { action: 'allow' }]);
    expect(decisions[3]).toEqual({
      action: 'block',
      repetitions: 4,
      message:
        "Tool call loop detected: 'calc' invoked with identical parameters 4 times within 120s. " +
        'Session stopped to prevent unintended looping. Try changing your inputs or approach.',
    });
    expect(decisions[4]).toMatchObject({ action: 'block', repetitions: 5 });
    expect(decisions[4]).toHaveProperty('message', expect.stringMatching(/^Tool call loop detected: 'calc' .* 5 times within 120s\./));
    expect(tracker.size).toBe(3);
  });

  it('should warn on the 4th call and break "After guidance" on the 5th in chance_then_break mode', () => {
    const tracker = new ToolLoopTracker({ settings: chance, now: fakeClock().now });
    for (let call = 0; call < 3; call += 1) expect(tracker.check('calc', '{"x":1}').action).toBe('allow');
    expect(tracker.check('calc', '{"x":1}')).toEqual({
      action: 'warn',
      repetitions: 4,
      message:
        "Tool call loop warning: 'calc' has been called with identical parameters 4 times. Please modify your " +
        'approach or parameters. If the next call uses the same parameters, the session will be stopped.',
    });
    const fifth = tracker.check('calc', '{"x":1}');
    expect(fifth.action).toBe('block');
    expect(fifth).toHaveProperty('message', expect.stringMatching(/^After guidance, Tool call loop detected: 'calc' .* 5 times/));
  });

  it('should treat arguments with a different key order as the same call', () => {
    const tracker = new ToolLoopTracker({ now: fakeClock().now });
    tracker.check('f', '{"a":1,"b":2}');
    tracker.check('f', '{"b":2,"a":1}');
    tracker.check('f', '{ "a": 1, "b": 2 }');
    expect(tracker.check('f', '{"b":2,"a":1}').action).toBe('block');
  });

  it('should keep different arguments and different tools apart', () => {
    const tracker = new ToolLoopTracker({ now: fakeClock().now });
    for (let call = 0; call < 3; call += 1) tracker.check('f', '{"a":1}');
    expect(tracker.check('f', '{"a":2}').action).toBe('allow');
    expect(tracker.check('g', '{"a":1}').action).toBe('allow');
  });

  it('should count total occurrences within the TTL when the calls are interleaved', () => {
    const tracker = new ToolLoopTracker({ now: fakeClock().now });
    const calls = ['a', 'b', 'a', 'b', 'a', 'b'].map((name) => tracker.check(name, '{}').action);
    expect(calls).toEqual(['allow', 'allow', 'allow', 'allow', 'allow', 'allow']);
    expect(tracker.check('a', '{}')).toMatchObject({ action: 'block', repetitions: 4 });
    expect(tracker.check('b', '{}')).toMatchObject({ action: 'block', repetitions: 4 });
  });

  it('should break an interleaved loop after its warning instead of warning again', () => {
    const tracker = new ToolLoopTracker({ settings: chance, now: fakeClock().now });
    for (const name of ['a', 'b', 'a', 'b', 'a', 'b']) tracker.check(name, '{}');
    expect(tracker.check('a', '{}').action).toBe('warn');
    tracker.check('c', '{}');
    expect(tracker.check('a', '{}')).toHaveProperty('message', expect.stringMatching(/^After guidance, /));
  });

  it('should forget calls older than the TTL', () => {
    const clock = fakeClock();
    const tracker = new ToolLoopTracker({ now: clock.now });
    for (let call = 0; call < 3; call += 1) tracker.check('calc', '{"x":1}');
    clock.advance(120);
    expect(tracker.check('calc', '{"x":1}').action).toBe('block'); // exactly the TTL old: still remembered
    clock.advance(0.001);
    expect(tracker.check('calc', '{"x":1}').action).toBe('allow');
    expect(tracker.size).toBe(1);
  });

  it('should prune only the expired calls and recount the run from what is left', () => {
    const clock = fakeClock();
    const tracker = new ToolLoopTracker({ now: clock.now });
    tracker.check('calc', '{"x":1}');
    clock.advance(100);
    tracker.check('calc', '{"x":1}');
    tracker.check('calc', '{"x":1}');
    clock.advance(30); // the first call is now 130 s old
    expect(tracker.check('calc', '{"x":1}').action).toBe('allow');
    expect(tracker.check('calc', '{"x":1}').action).toBe('block');
  });

  it('should clear a chance mark once the signature has expired', () => {
    const clock = fakeClock();
    const tracker = new ToolLoopTracker({ settings: chance, now: clock.now });
    for (let call = 0; call < 4; call += 1) tracker.check('calc', '{"x":1}');
    clock.advance(121);
    for (let call = 0; call < 3; call += 1) expect(tracker.check('calc', '{"x":1}').action).toBe('allow');
    expect(tracker.check('calc', '{"x":1}').action).toBe('warn');
  });

  it('should honour max_repeats and the TTL passed to check', () => {
    const tracker = new ToolLoopTracker({ now: fakeClock().now });
    const settings: ToolLoopSettings = { ...defaultToolLoopSettings, maxRepeats: 2, ttlSeconds: 5 };
    expect(tracker.check('f', '{}', settings).action).toBe('allow');
    expect(tracker.check('f', '{}', settings)).toHaveProperty('message', expect.stringContaining('2 times within 5s'));
  });

  it('should keep at most maxSignatures calls', () => {
    const tracker = new ToolLoopTracker({ now: fakeClock().now, maxSignatures: 100 });
    for (let call = 0; call < 250; call += 1) tracker.check('f', JSON.stringify({ call }));
    expect(tracker.size).toBe(100);
  });
});
