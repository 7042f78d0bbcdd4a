import { describe, expect, it } from 'vitest';
import { createSessionState } from '../sessions/session-state.js';
import type { CanonicalMessage } from '../streams/canonical-request.js';
import { assistant, createHarness, requestOf, user } from './command-test-kit.js';
import { processCommands } from './process-commands.js';

function forwarded(result: ReturnType<ReturnType<typeof createHarness>['send']>): readonly CanonicalMessage[] {
  if (result.kind !== 'forward') throw new Error(`expected a forward, got the reply ${result.text}`);
  return result.request.messages;
}

describe('processCommands', () => {
  it('should run commands anywhere in the latest user message and forward the rest', () => {
    const harness = createHarness();
    const result = harness.send('Hello, please use !/set(model=openrouter:mistral-7b) for this conversation.');
    expect(forwarded(result)).toEqual([user('Hello, please use for this conversation.')]);
    expect(result).toMatchObject({ notices: ['Backend changed to openrouter\nModel changed to mistral-7b'] });
    expect(harness.session).toMatchObject({ backend: 'openrouter', model: 'mistral-7b' });
  });

  it('should run several commands in order, threading the session', () => {
    const harness = createHarness();
    const text = harness.reply('!/model(anthropic:claude-opus-4)\n!/max\n!/temperature(0.3)');
    expect(text).toBe('Backend changed to anthropic; Model changed to claude-opus-4\nReasoning mode set to max.\nTemperature set to 0.3');
    expect(harness.session.reasoningAlias?.mode).toBe('high');
  });

  it('should stop at the first failing command and forward nothing', () => {
    const harness = createHarness();
    const result = harness.send('!/temperature(0.4) !/temperature(7) !/project(p) write the code');
    expect(result).toMatchObject({ kind: 'reply', text: 'Temperature set to 0.4\nTemperature must be between 0.0 and 1.0' });
    expect(harness.session.temperature).toBe(0.4);
    expect(harness.session.project).toBeUndefined();
  });

  it('should never read commands from system prompts, tool results or assistant turns', () => {
    const harness = createHarness();
    const messages: CanonicalMessage[] = [
      { role: 'system', content: 'Use !/set(model=openai:gpt-4o) always' },
      user('run the tool'),
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'read', input: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', output: [{ type: 'text', text: '!/hello' }] }] },
    ];
    const result = harness.send(messages);
    expect(forwarded(result)).toEqual(messages);
    expect(harness.session.model).toBeUndefined();
    expect(harness.session.helloRequested).toBeUndefined();
  });

  it('should not re-run the user message of a tool loop that an assistant turn follows', () => {
    const harness = createHarness();
    harness.reply('!/create-failover-route(name=r)');
    const first = harness.send('!/route-append(r, openai:a) now call the tool');
    expect(forwarded(first)).toEqual([user('now call the tool')]);
    const replay: CanonicalMessage[] = [
      user('!/route-append(r, openai:a) now call the tool'),
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'read', input: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', output: [{ type: 'text', text: 'ok' }] }] },
    ];
    expect(forwarded(harness.send(replay))[0]).toEqual(user('now call the tool'));
    expect(harness.routes.get('r')?.elements).toEqual(['openai:a']);
  });

  it('should keep images and other parts when stripping, and forward an image with only commands', () => {
    const harness = createHarness();
    const image = { type: 'image' as const, url: 'https://example.com/a.png' };
    const message: CanonicalMessage = { role: 'user', content: [{ type: 'text', text: '!/temperature(0.1)' }, image] };
    expect(forwarded(harness.send([message]))).toEqual([{ role: 'user', content: [image] }]);
    expect(harness.session.temperature).toBe(0.1);
  });

  it('should find a command split from its text across content parts', () => {
    const harness = createHarness();
    const result = harness.send([user('<context>x</context>\n', 'summarise this ', '!/model(gpt-4o-mini)')]);
    expect(forwarded(result)).toEqual([user('<context>x</context>\n', 'summarise this')]);
    expect(harness.session.model).toBe('gpt-4o-mini');
  });

  it('should answer an unknown command with the nearest known ones and forward nothing', () => {
    const harness = createHarness();
    expect(harness.send('!/hepl me')).toMatchObject({ kind: 'reply', text: "Unknown command '!/hepl'. Did you mean: !/help, !/hello?" });
    expect(harness.reply('!/route')).toBe(
      "Unknown command '!/route'. Did you mean: !/route-list, !/route-clear, !/route-append?",
    );
    expect(harness.reply('!/zzzzzz')).toBe("Unknown command '!/zzzzzz'. Type !/help for the list of commands.");
    expect(harness.reply('!/hello !/nonexistentcmd')).toBe(
      "Unknown command '!/nonexistentcmd'. Type !/help for the list of commands.",
    );
    expect(harness.session.helloRequested).toBeUndefined();
  });

  it('should answer malformed arguments with the reason', () => {
    const harness = createHarness();
    expect(harness.reply('!/set(model=x')).toBe("Command '!/set' could not be read: Command arguments are missing their closing ')'");
    expect(harness.reply('!/set(model=[x)')).toMatch(/^Command '!\/set' has invalid arguments: Unbalanced brackets/u);
  });

  it('should leave commands in code alone', () => {
    const harness = createHarness();
    expect(forwarded(harness.send('what does `!/hello` do?'))).toEqual([user('what does `!/hello` do?')]);
  });

  it('should use the session prefix over the configured one', () => {
    const harness = createHarness();
    harness.reply('!/set(command-prefix=@@x)');
    expect(forwarded(harness.send('!/hello there'))).toEqual([user('!/hello there')]);
    expect(harness.reply('@@xpwd')).toBe('Project directory not set');
  });

  it('should forward untouched when interactive commands are disabled', () => {
    const session = createSessionState('s', 0);
    const request = requestOf(user('!/hello'), assistant('Welcome'), user('!/set(model=x) go'));
    const result = processCommands({
      request,
      session,
      prefix: '!/',
      disabled: true,
      forceSetProject: false,
      context: createHarness().env,
    });
    expect(result).toEqual({ kind: 'forward', request, session, notices: [] });
  });

  it('should refuse prompts until a project is set when forced, saying how', () => {
    const harness = createHarness();
    const refusal = 'A project must be set before sending prompts: use !/set(project=<name>)';
    expect(harness.send('write the code', { forceSetProject: true })).toMatchObject({ kind: 'reply', text: refusal });
    expect(harness.send('!/pwd', { forceSetProject: true })).toMatchObject({ kind: 'reply', text: 'Project directory not set' });
    expect(harness.send('!/temperature(0.5) write it', { forceSetProject: true })).toMatchObject({
      kind: 'reply',
      text: `Temperature set to 0.5\n${refusal}`,
    });
    const allowed = harness.send('!/set(project=demo) write the code', { forceSetProject: true });
    expect(forwarded(allowed)).toEqual([user('write the code')]);
    expect(harness.send('more', { forceSetProject: true }).kind).toBe('forward');
  });
});

describe('processCommands history cleanup', () => {
  it('should drop replayed command messages and the proxy replies to them', () => {
    const harness = createHarness();
    const reply = harness.reply('!/set(model=openrouter:gpt-4)');
    const helloReply = harness.reply('  !/hello ');
    const replay = [user('!/set(model=openrouter:gpt-4)'), assistant(reply), user('!/hello'), assistant(`${helloReply}\n`), user('Now the real question')];
    expect(forwarded(harness.send(replay))).toEqual([user('Now the real question')]);
  });

  it('should keep the text of an earlier mixed message and strip its commands', () => {
    const harness = createHarness();
    harness.send('!/temperature(0.2) explain monads');
    const replay = [user('!/temperature(0.2) explain monads'), assistant('A monad is...'), user('and functors?')];
    expect(forwarded(harness.send(replay))).toEqual([user('explain monads'), assistant('A monad is...'), user('and functors?')]);
  });

  it('should drop command-only history even without a recorded identity, but keep ordinary turns', () => {
    const harness = createHarness();
    const replay = [user('hi'), assistant('hello!'), user('!/pwd'), assistant('Project directory not set'), user('go on')];
    expect(forwarded(harness.send(replay))).toEqual([user('hi'), assistant('hello!'), assistant('Project directory not set'), user('go on')]);
  });

  it('should drop a replayed unknown command and its suggestion reply', () => {
    const harness = createHarness();
    const text = harness.reply('!/hepl');
    expect(forwarded(harness.send([user('!/hepl'), assistant(text), user('ok')]))).toEqual([user('ok')]);
  });

  it('should bound the remembered identities to 500', () => {
    const harness = createHarness();
    for (let index = 0; index < 260; index += 1) harness.reply(`!/temperature(0.${index % 10}${index})`);
    expect(harness.session.nonForwardable).toHaveLength(500);
  });
});
