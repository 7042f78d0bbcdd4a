import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../streams/canonical-request.js';
import { countInputTexts, countInputTokens, encodingForModel, inputTextsOf, type InputTexts, tokensPerAttachment, tokensPerMessage, tokensPerReply, tokensPerTool } from './count-input-tokens.js';

const o200k = getEncoding('o200k_base');
const cl100k = getEncoding('cl100k_base');
const tokens = (text: string, encoding = o200k): number => encoding.encode(text, [], []).length;

const userText = (text: string): CanonicalRequest => ({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text }] }], stream: false });

describe('encodingForModel', () => {
  it('should use o200k_base for gpt-4o, gpt-4.1, gpt-5 and the o-series', () => {
    for (const model of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-nano', 'gpt-5', 'gpt-5-codex', 'o1', 'o3-mini', 'o4-mini', 'openai/gpt-4o', 'chatgpt-4o-latest']) {
      expect(encodingForModel(model)).toBe('o200k_base');
    }
  });

  it('should use cl100k_base otherwise', () => {
    for (const model of ['gpt-4', 'gpt-3.5-turbo', 'claude-sonnet-4', 'gemini-2.5-pro', 'anthropic/claude-3-haiku:beta', 'glm-4.5']) {
      expect(encodingForModel(model)).toBe('cl100k_base');
    }
  });
});

describe('countInputTokens', () => {
  it('should count a user message with the per-message and reply overheads', () => {
    expect(countInputTokens(userText('Hello there, how are you?'), 'gpt-4o')).toBe(
      tokens('Hello there, how are you?') + tokensPerMessage + tokensPerReply,
    );
  });

  it('should use the model family encoding', () => {
    const text = 'naïve façade — 東京 🚀 tokenizers differ';
    expect(countInputTokens(userText(text), 'gpt-4')).toBe(tokens(text, cl100k) + tokensPerMessage + tokensPerReply);
    expect(countInputTokens(userText(text), 'gpt-4o')).toBe(tokens(text, o200k) + tokensPerMessage + tokensPerReply);
  });

  it('should count system, tool calls, tool results, attachments and tools', () => {
    const request: CanonicalRequest = {
      model: 'gpt-4o',
      stream: true,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: [{ type: 'text', text: 'Read a.py' }, { type: 'image', url: 'https://x/y.png' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'not counted, providers drop it' },
            { type: 'text', text: 'Reading.' },
            { type: 'tool-call', toolCallId: 'c1', toolName: 'read_file', input: '{"path":"a.py"}' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', output: [{ type: 'text', text: 'print(1)' }] }] },
      ],
      tools: [{ name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }],
    };
    const expected =
      tokensPerReply +
      4 * tokensPerMessage +
      tokens('You are terse.') +
      tokens('Read a.py') +
      tokensPerAttachment +
      tokens('Reading.') +
      tokens('read_file') +
      tokens('{"path":"a.py"}') +
      tokens('print(1)') +
      tokensPerTool +
      tokens('read_file') +
      tokens('Reads a file') +
      tokens(JSON.stringify(request.tools?.[0].parameters));
    expect(countInputTokens(request, 'gpt-4o')).toBe(expected);
  });

  it('should count the same from texts gathered beforehand, after they crossed to another thread as JSON', () => {
    const request: CanonicalRequest = {
      model: 'claude-sonnet-4',
      stream: true,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'naïve 東京 🚀' }, { type: 'image', url: 'https://x/y.png' }] },
        { role: 'assistant', content: [{ type: 'text', text: '' }, { type: 'tool-call', toolCallId: 'c', toolName: 'ls', input: '{}' }] },
      ],
      tools: [{ name: 'ls', parameters: { type: 'object' } }],
    };
    const gathered = JSON.parse(JSON.stringify(inputTextsOf(request))) as InputTexts;
    expect(gathered.texts).not.toContain('');
    expect(countInputTexts(gathered, 'claude-sonnet-4')).toBe(countInputTokens(request, 'claude-sonnet-4'));
    expect(countInputTexts(gathered, 'claude-sonnet-4')).toBe(
      tokensPerReply + 3 * tokensPerMessage + tokensPerAttachment + tokensPerTool + ['Be brief.', 'naïve 東京 🚀', 'ls', '{}', 'ls', '{"type":"object"}'].reduce((sum, text) => sum + tokens(text, cl100k), 0),
    );
  });

  it('should count special-token text as plain text instead of throwing', () => {
    expect(countInputTokens(userText('<|endoftext|>'), 'gpt-4o')).toBeGreaterThan(tokensPerMessage + tokensPerReply);
  });

  it('should measure a 100k-token request quickly enough to run per request', () => {
    const paragraph = 'The quick brown fox jumps over the lazy dog while the gateway counts tokens. ';
    const text = paragraph.repeat(Math.ceil(110_000 / tokens(paragraph)));
    const request = userText(text);
    countInputTokens(userText('warm up'), 'gpt-4o');
    const started = performance.now();
    const count = countInputTokens(request, 'gpt-4o');
    const elapsed = performance.now() - started;
    const again = performance.now();
    countInputTokens(request, 'gpt-4o');
    const cached = performance.now() - again;
    console.log(`countInputTokens: ${count} tokens (${text.length} chars) in ${elapsed.toFixed(1)} ms; resent history ${cached.toFixed(2)} ms`);
    expect(count).toBeGreaterThanOrEqual(100_000);
    expect(count).toBe(tokens(text) + tokensPerMessage + tokensPerReply);
  });
});
