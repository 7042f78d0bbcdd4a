import { describe, expect, it } from 'vitest';
import { InMemorySessionStore } from '../sessions/in-memory-session-store.js';
import { applySessionToRequest } from './apply-session-to-request.js';
import { assistant, createHarness, requestOf, user } from './command-test-kit.js';
import { consumeOneOff } from './consume-one-off.js';
import { validateCommandPrefix } from './parsing/validate-command-prefix.js';
import { processCommands } from './process-commands.js';

// SEED-SPEC §13 items 1–5, adapted to commands anywhere in the latest user message.
describe('processCommands (SEED-SPEC §13 acceptance)', () => {
  it('1: should validate command prefixes', () => {
    expect(validateCommandPrefix('!/')).toBeUndefined();
    expect(validateCommandPrefix('!')).toMatch(/at least 2 characters/u);
    expect(validateCommandPrefix('!!')).toMatch(/two character prefixes cannot repeat/u);
    expect(validateCommandPrefix('a b')).toMatch(/cannot contain whitespace/u);
    expect(validateCommandPrefix('abcdefghijk')).toMatch(/must not exceed 10 characters/u);
    expect(createHarness().reply('!/set(command-prefix=abcdefghijk)')).toBe(
      'Invalid command prefix: command prefix must not exceed 10 characters',
    );
  });

  it('2: should execute commands wherever they are (the tail-only cases, read anywhere)', () => {
    const tail = createHarness();
    expect(tail.send('Some text !/hello')).toMatchObject({ kind: 'forward', request: { messages: [user('Some text')] } });
    expect(tail.session.helloRequested).toBe(true);
    const head = createHarness();
    expect(head.send('!/hello Some text')).toMatchObject({ kind: 'forward', request: { messages: [user('Some text')] } });
    const middle = createHarness();
    expect(middle.send('I tried !/hello but it still fails')).toMatchObject({
      request: { messages: [user('I tried but it still fails')] },
    });
    const unknown = createHarness();
    expect(unknown.send('!/hello !/nonexistentcmd').kind).toBe('reply');
    expect(unknown.session.helloRequested).toBeUndefined();
  });

  it('3: should take commands from the latest user message, in the last text part holding them', () => {
    const harness = createHarness();
    const result = harness.send([user('Hello there'), user('Some context\n\n   !/set(model=openrouter:gpt-4)   ')]);
    expect(result).toMatchObject({ kind: 'forward', request: { messages: [user('Hello there'), user('Some context')] } });
    expect(harness.session).toMatchObject({ backend: 'openrouter', model: 'gpt-4' });
    const parts = createHarness();
    parts.reply('!/set(model=gpt-4o)');
    const split = parts.send([user('Look at this', ' and then ', '!/unset(model)')]);
    expect(split).toMatchObject({ request: { messages: [user('Look at this', ' and then')] } });
    expect(parts.session.model).toBeUndefined();
  });

  it('4: should answer a command-only request without a backend, route the next one, and drop the replay', () => {
    const store = new InMemorySessionStore({ now: () => 5 });
    const env = createHarness().env;
    const run = (messages: ReturnType<typeof user>[]) =>
      processCommands({
        request: requestOf(...messages),
        session: store.get('s1'),
        prefix: '!/',
        disabled: false,
        forceSetProject: false,
        context: env,
      });
    const first = run([user('!/set(model=openrouter:gpt-4)')]);
    expect(first).toMatchObject({ kind: 'reply', text: 'Backend changed to openrouter\nModel changed to gpt-4' });
    store.update('s1', () => first.session);
    expect(store.get('s1')).toMatchObject({ backend: 'openrouter', model: 'gpt-4' });
    const text = first.kind === 'reply' ? first.text : '';
    const second = run([user('!/set(model=openrouter:gpt-4)'), assistant(text), user('Write a haiku')]);
    expect(second).toMatchObject({ kind: 'forward', request: { messages: [user('Write a haiku')] } });
  });

  it('5: should give the seed snapshot replies', () => {
    const harness = createHarness();
    expect(harness.reply('!/model(name=gpt-4-turbo)')).toBe('Model changed to gpt-4-turbo');
    expect(harness.reply('!/model(name=openrouter:claude-3-opus)')).toBe('Backend changed to openrouter; Model changed to claude-3-opus');
    expect(harness.reply('!/model(name=)')).toBe('Model unset');
    expect(harness.reply('!/help(set)')).toBe(
      'set - Set a session value.\nFormat: !/set(key=value)\nExamples:\n  !/set(model=anthropic/claude-3-opus-20240229)',
    );
    expect(harness.reply('!/help(nonexistentcommand)')).toBe("Command 'nonexistentcommand' not found.");
    expect(harness.reply('!/list-failover-routes')).toBe('No failover routes defined');
    expect(harness.reply('!/create-failover-route(name=myroute,policy=k)')).toBe("Failover route 'myroute' created with policy 'k'");
  });
});

describe('consumeOneOff', () => {
  it('should give the one-off route to exactly the next forwarded request', () => {
    const harness = createHarness();
    harness.reply('!/oneoff(openrouter:qwen/qwen3-coder)');
    const forwarded = harness.send('write a parser');
    const first = consumeOneOff(forwarded.session);
    expect(first.oneOff).toEqual({ backend: 'openrouter', model: 'qwen/qwen3-coder' });
    harness.session = first.session;
    const next = consumeOneOff(harness.send('and tests').session);
    expect(next.oneOff).toBeUndefined();
    expect(next.session).toEqual(first.session);
  });
});

describe('applySessionToRequest', () => {
  it('should apply temperature, effort and budget, explicit settings over the alias over the client', () => {
    const harness = createHarness();
    const request = { ...requestOf(user('hi')), temperature: 0.7, topP: 0.5 };
    expect(applySessionToRequest(request, harness.session)).toEqual(request);
    harness.reply('!/medium');
    expect(applySessionToRequest(request, harness.session)).toMatchObject({ temperature: 0.7, topP: 0.9, reasoning: { effort: 'medium' } });
    harness.reply('!/set(temperature=0.1, reasoning-effort=high, thinking-budget=4096)');
    expect(applySessionToRequest(request, harness.session)).toMatchObject({
      temperature: 0.1,
      reasoning: { effort: 'high', budgetTokens: 4096 },
    });
  });

  it('should wrap the latest user text with the alias prefix and suffix', () => {
    const harness = createHarness();
    harness.reply('!/max');
    const request = requestOf(user('old'), assistant('a'), user('first ', 'second'));
    const applied = applySessionToRequest(request, harness.session);
    expect(applied.messages).toEqual([user('old'), assistant('a'), user('Think hard. first ', 'second')]);
    harness.reply('!/model(anthropic:claude-haiku-4)');
    harness.reply('!/no-think');
    expect(applySessionToRequest(request, harness.session)).toMatchObject({
      messages: [user('old'), assistant('a'), user('first ', 'second /no_think')],
      reasoning: { effort: 'none' },
    });
  });
});
