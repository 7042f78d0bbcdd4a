import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { InMemorySessionStore } from '../sessions/in-memory-session-store.js';
import { createHarness, requestOf, user } from './command-test-kit.js';
import { processCommands } from './process-commands.js';

const env = createHarness().env;

function send(store: InMemorySessionStore, id: string, text: string): void {
  const result = processCommands({
    request: requestOf(user(text)),
    session: store.get(id),
    prefix: '!/',
    disabled: false,
    forceSetProject: false,
    context: env,
  });
  store.update(id, () => result.session);
}

describe('processCommands session isolation', () => {
  it('should keep one session’s settings out of another', () => {
    const store = new InMemorySessionStore({ now: () => 0 });
    send(store, 'a', '!/set(model=openai:gpt-4o, project=alpha, command-prefix=$/) !/oneoff(gemini:g) !/max');
    const b = store.get('b');
    expect(b).toMatchObject({ id: 'b', interactiveMode: true, nonForwardable: [] });
    for (const field of ['model', 'backend', 'project', 'commandPrefix', 'oneOff', 'reasoningAlias'] as const) {
      expect(b[field]).toBeUndefined();
    }
    expect(store.get('a')).toMatchObject({ model: 'gpt-4o', project: 'alpha', commandPrefix: '$/' });
  });

  it('should end each session with its own last value however updates interleave', () => {
    const step = fc.record({ session: fc.constantFrom('a', 'b', 'c'), temperature: fc.integer({ min: 0, max: 10 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const store = new InMemorySessionStore({ now: () => 0 });
        const expected = new Map<string, number>();
        for (const { session, temperature } of steps) {
          send(store, session, `!/temperature(${temperature / 10}) go`);
          expected.set(session, temperature / 10);
        }
        for (const id of ['a', 'b', 'c']) expect(store.get(id).temperature).toBe(expected.get(id));
      }),
      { numRuns },
    );
  });

  it('should keep sessions apart under concurrent asynchronous requests', async () => {
    const store = new InMemorySessionStore({ now: () => 0 });
    const work = Array.from({ length: 40 }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, (index * 7) % 5));
      send(store, `s${index % 4}`, `!/project(p${index % 4}) !/temperature(0.${index % 4})`);
    });
    await Promise.all(work);
    for (let id = 0; id < 4; id += 1) expect(store.get(`s${id}`)).toMatchObject({ project: `p${id}`, temperature: id / 10 });
  });
});
