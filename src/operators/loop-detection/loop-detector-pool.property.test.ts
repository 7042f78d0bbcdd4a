import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../../test/split-bytes.js';
import { createLoopDetector } from './create-loop-detector.js';
import { defaultLoopDetectionSettings } from './loop-detection-settings.js';

const feed = (detector: ReturnType<typeof createLoopDetector>, pieces: readonly string[]): unknown[] => pieces.map((piece) => detector.push(piece));

describe('acquireLoopDetector (reuse after clear)', () => {
  it('should give exactly the results of a fresh detector, whatever the detector saw before', () => {
    const text = fc.array(fc.oneof(fc.constantFrom('Loading the data... ', 'ok ', '```\n', '---\n', 'The quick brown fox. ', 'Wait, this is the same long thought again and again and again and again, once more. '), fc.string({ maxLength: 30 })), { maxLength: 120 });
    fc.assert(
      fc.property(text, text, (before, after) => {
        const reused = createLoopDetector(defaultLoopDetectionSettings);
        feed(reused, before);
        reused.clear();
        expect(feed(reused, after)).toEqual(feed(createLoopDetector(defaultLoopDetectionSettings), after));
      }),
      { numRuns },
    );
  });
});
