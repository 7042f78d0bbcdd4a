import { describe, expect, it } from 'vitest';
import { defaultLoopDetectionSettings } from './loop-detection-settings.js';
import { loopDetectionSettingsFromEnv } from './loop-detection-settings-from-env.js';

describe('loopDetectionSettingsFromEnv', () => {
  it('should return the legacy defaults when nothing is set', () => {
    expect(loopDetectionSettingsFromEnv({})).toEqual({
      enabled: true,
      bufferSize: 2048,
      maxPatternLength: 500,
      contentChunkSize: 50,
      contentLoopThreshold: 10,
      maxHistoryLength: 1000,
      analysisInterval: 32,
    });
    expect(defaultLoopDetectionSettings.bufferSize).toBe(2048);
  });

  it('should read every LOOP_DETECTION_* variable', () => {
    expect(
      loopDetectionSettingsFromEnv({
        LOOP_DETECTION_ENABLED: 'false',
        LOOP_DETECTION_BUFFER_SIZE: '4096',
        LOOP_DETECTION_MAX_PATTERN_LENGTH: '1000',
        LOOP_DETECTION_CONTENT_CHUNK_SIZE: '100',
        LOOP_DETECTION_CONTENT_LOOP_THRESHOLD: '6',
        LOOP_DETECTION_MAX_HISTORY_LENGTH: '4096',
        LOOP_DETECTION_ANALYSIS_INTERVAL: '64',
      }),
    ).toEqual({
      enabled: false,
      bufferSize: 4096,
      maxPatternLength: 1000,
      contentChunkSize: 100,
      contentLoopThreshold: 6,
      maxHistoryLength: 4096,
      analysisInterval: 64,
    });
  });

  it('should accept common boolean spellings and ignore empty values', () => {
    expect(loopDetectionSettingsFromEnv({ LOOP_DETECTION_ENABLED: 'OFF' }).enabled).toBe(false);
    expect(loopDetectionSettingsFromEnv({ LOOP_DETECTION_ENABLED: '1' }).enabled).toBe(true);
    expect(loopDetectionSettingsFromEnv({ LOOP_DETECTION_BUFFER_SIZE: '' }).bufferSize).toBe(2048);
  });

  it('should name every invalid variable in one error', () => {
    const read = () =>
      loopDetectionSettingsFromEnv({
        LOOP_DETECTION_ENABLED: 'maybe',
        LOOP_DETECTION_BUFFER_SIZE: 'big',
        LOOP_DETECTION_CONTENT_LOOP_THRESHOLD: '1',
        LOOP_DETECTION_ANALYSIS_INTERVAL: '-3',
      });
    expect(read).toThrow(/LOOP_DETECTION_ENABLED/);
    expect(read).toThrow(/LOOP_DETECTION_BUFFER_SIZE/);
    expect(read).toThrow(/LOOP_DETECTION_CONTENT_LOOP_THRESHOLD/);
    expect(read).toThrow(/LOOP_DETECTION_ANALYSIS_INTERVAL/);
  });

  it('should reject a history shorter than the window', () => {
    expect(() => loopDetectionSettingsFromEnv({ LOOP_DETECTION_MAX_HISTORY_LENGTH: '20' })).toThrow(
      /LOOP_DETECTION_MAX_HISTORY_LENGTH/,
    );
  });
});
