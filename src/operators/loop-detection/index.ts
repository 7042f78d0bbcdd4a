export { createLoopDetector, type LoopDetector } from './create-loop-detector.js';
export type { LoopDetection } from './loop-detection.js';
export {
  defaultLoopDetectionSettings,
  minimumLongPatternLength,
  type LoopDetectionSettings,
} from './loop-detection-settings.js';
export { loopDetectionSettingsFromEnv } from './loop-detection-settings-from-env.js';
