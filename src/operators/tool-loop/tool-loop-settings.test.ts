import { describe, expect, it } from 'vitest';
import { defaultToolLoopSettings, mergeToolLoopSettings, toolLoopSettingsFromEnv } from './tool-loop-settings.js';

describe('toolLoopSettingsFromEnv', () => {
  it('should use the seed defaults when nothing is set', () => {
    expect(toolLoopSettingsFromEnv({})).toEqual({ enabled: true, maxRepeats: 4, ttlSeconds: 120, mode: 'break' });
    expect(toolLoopSettingsFromEnv({ TOOL_LOOP_MODE: '', TOOL_LOOP_MAX_REPEATS: ' ' })).toEqual(defaultToolLoopSettings);
  });

  it('should read every TOOL_LOOP_* variable, with chance as shorthand', () => {
    const settings = toolLoopSettingsFromEnv({
      TOOL_LOOP_DETECTION_ENABLED: 'false',
      TOOL_LOOP_MAX_REPEATS: '6',
      TOOL_LOOP_TTL_SECONDS: '60',
      TOOL_LOOP_MODE: 'chance',
    });
    expect(settings).toEqual({ enabled: false, maxRepeats: 6, ttlSeconds: 60, mode: 'chance_then_break' });
    expect(toolLoopSettingsFromEnv({ TOOL_LOOP_MODE: 'Chance_Then_Break' }).mode).toBe('chance_then_break');
  });

  it('should reject invalid values, naming every variable', () => {
    const read = (): unknown =>
      toolLoopSettingsFromEnv({
        TOOL_LOOP_DETECTION_ENABLED: 'maybe',
        TOOL_LOOP_MAX_REPEATS: '1',
        TOOL_LOOP_TTL_SECONDS: '0',
        TOOL_LOOP_MODE: 'stop',
      });
    expect(read).toThrow(/TOOL_LOOP_DETECTION_ENABLED.*TOOL_LOOP_MAX_REPEATS.*TOOL_LOOP_TTL_SECONDS.*TOOL_LOOP_MODE/);
    expect(() => toolLoopSettingsFromEnv({ TOOL_LOOP_TTL_SECONDS: '1.5' })).toThrow(/TOOL_LOOP_TTL_SECONDS/);
  });
});

describe('mergeToolLoopSettings', () => {
  it('should prefer session over model defaults over server, field by field', () => {
    const server = defaultToolLoopSettings;
    expect(mergeToolLoopSettings(server)).toEqual(server);
    expect(mergeToolLoopSettings(server, { enabled: false, maxRepeats: 6 }, { enabled: true })).toEqual({
      enabled: true,
      maxRepeats: 6,
      ttlSeconds: 120,
      mode: 'break',
    });
    expect(mergeToolLoopSettings(server, undefined, { mode: 'chance_then_break', ttlSeconds: undefined })).toEqual({
      ...server,
      mode: 'chance_then_break',
    });
  });
});
