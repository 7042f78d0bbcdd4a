import { describe, expect, it } from 'vitest';
import { createLoopDetector } from './create-loop-detector.js';
import { defaultLoopDetectionSettings } from './loop-detection-settings.js';
import type { LoopDetection } from './loop-detection.js';

function feed(pieces: readonly string[]): LoopDetection | undefined {
  const detector = createLoopDetector(defaultLoopDetectionSettings);
  for (const piece of pieces) {
    const detection = detector.push(piece);
    if (detection !== undefined) return detection;
  }
  return undefined;
}

const variedProse = [
  'The gateway sits between clients and backends and translates each protocol into a canonical stream.',
  'Operators such as loop detection or tool-call repair work on that stream without knowing the wire format.',
  'When a client disconnects, the subscription ends and the upstream request is aborted at once.',
  'Configuration comes from flags, environment variables and a YAML file, in that order of precedence.',
  'Each backend connector owns its authentication, including OAuth refresh for the command-line tools.',
  'Usage is counted per session and per model so that the statistics endpoints can report it later.',
  'Failover routes describe which model to try next when one returns a rate limit or a server error.',
  'Every feature is an operator in its own file, tested with marble diagrams and property-based tests.',
].join(' ');

describe('createLoopDetector', () => {
  it('should detect "Loading... " fed 20 times chunk by chunk', () => {
    const detection = feed(Array.from({ length: 20 }, () => 'Loading... '));
    expect(detection).toEqual({ pattern: 'Loading... ', repetitions: 13, totalLength: 149 });
  });

  it('should detect a sentence of more than 100 characters repeated 5 times, with at least 3 repetitions', () => {
    const sentence =
      'The proxy must stop this stream because the model keeps writing the very same sentence again and again. ';
    expect(sentence.length).toBeGreaterThan(100);
    const detection = feed(['Here is my answer. ', ...Array.from({ length: 5 }, () => sentence)]);
    expect(detection?.pattern).toBe(sentence);
    expect(detection?.repetitions).toBeGreaterThanOrEqual(3);
  });

  it('should never detect varied prose', () => {
    expect(feed([variedProse, '\n\n', variedProse.split(' ').reverse().join(' ')])).toBeUndefined();
  });

  it('should detect a 200-character markdown block repeated 5 times', () => {
    const block =
      '**Analyzing the Test File Structure**\n\nI am now examining the whole test file to understand how the fixtures ' +
      'are loaded, which helpers are shared, and where the assertions about the streaming order are made.\n\n';
    expect(block.length).toBeGreaterThanOrEqual(200);
    const detection = feed(Array.from({ length: 5 }, () => block));
    expect(detection?.repetitions).toBeGreaterThanOrEqual(3);
    expect(detection?.pattern.startsWith('**Analyzing the Test File Structure**')).toBe(true);
  });

  it('should never detect repetition inside code fences', () => {
    const code = '```python\n' + 'print("Loading... Loading... Loading...")\n'.repeat(200) + '```\n';
    const longCode = '```\n' + 'The proxy keeps printing this very long line of perfectly ordinary looking text. '.repeat(60) + '\n```\n';
    expect(feed([code, 'Done.\n\n', longCode, 'All set.'])).toBeUndefined();
  });

  it('should detect a loop that continues after a closed code fence', () => {
    const detection = feed(['```\ncode\n```\n', 'Loading... '.repeat(30)]);
    expect(detection?.pattern).toBe('Loading... ');
  });

  it('should reset tracking at divider lines', () => {
    // Nine copies, a divider, nine copies: never ten within one tracking run.
    const part = 'Checking the configuration loader now. '.repeat(3);
    expect(feed([part, '\n---\n', part, '\n═════\n', part])).toBeUndefined();
  });

  it('should never detect runs of punctuation or box drawing', () => {
    expect(feed(['-'.repeat(3000), ' ', '│ '.repeat(800), '.'.repeat(3000)])).toBeUndefined();
  });

  it('should report how much of the last push it read', () => {
    const detector = createLoopDetector(defaultLoopDetectionSettings);
    const text = 'Loading... '.repeat(20);
    expect(detector.push(text)).toBeDefined();
    expect(detector.consumed).toBe(149);
    expect(detector.push('Fresh text.')).toBeUndefined();
    expect(detector.consumed).toBe('Fresh text.'.length);
  });

  it('should forget everything on reset', () => {
    const detector = createLoopDetector(defaultLoopDetectionSettings);
    expect(detector.push('Loading... '.repeat(12))).toBeUndefined();
    detector.reset();
    expect(detector.push('Loading... '.repeat(3))).toBeUndefined();
  });

  it('should skip windows with fewer than half letters in the short detector', () => {
    expect(feed(['1, 2, 3, 4; '.repeat(8)])).toBeUndefined();
  });

  it('should catch a paragraph longer than the maximum pattern length', () => {
    const paragraph = `${variedProse.slice(0, 640)}\n\n`;
    const detection = feed(Array.from({ length: 4 }, () => paragraph));
    expect(detection).toBeDefined();
    expect(detection?.repetitions).toBeGreaterThanOrEqual(2);
  });

  it('should honour a smaller threshold from the settings', () => {
    const detector = createLoopDetector({ ...defaultLoopDetectionSettings, contentLoopThreshold: 3 });
    expect(detector.push('Loading... '.repeat(8))?.pattern).toBe('Loading... ');
  });
});
