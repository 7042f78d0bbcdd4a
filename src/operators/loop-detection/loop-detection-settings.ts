/**
 * Settings of the content loop detector. Names follow the seed's `LOOP_DETECTION_*` variables;
 * the defaults are the seed documents' legacy values (SEED-SPEC §5.3 recommendation).
 */
export interface LoopDetectionSettings {
  /** `LOOP_DETECTION_ENABLED`: when false the operator is a pass-through. */
  readonly enabled: boolean;
  /** `LOOP_DETECTION_BUFFER_SIZE`: characters the long-pattern detector looks back over. */
  readonly bufferSize: number;
  /** `LOOP_DETECTION_MAX_PATTERN_LENGTH`: longest pattern the long detector reports. */
  readonly maxPatternLength: number;
  /** `LOOP_DETECTION_CONTENT_CHUNK_SIZE`: window length of the short detector. */
  readonly contentChunkSize: number;
  /** `LOOP_DETECTION_CONTENT_LOOP_THRESHOLD`: occurrences of a window that make a loop. */
  readonly contentLoopThreshold: number;
  /** `LOOP_DETECTION_MAX_HISTORY_LENGTH`: characters the short detector remembers. */
  readonly maxHistoryLength: number;
  /** `LOOP_DETECTION_ANALYSIS_INTERVAL`: new characters between two long-pattern checks. */
  readonly analysisInterval: number;
}

export const defaultLoopDetectionSettings: LoopDetectionSettings = Object.freeze({
  enabled: true,
  bufferSize: 2048,
  maxPatternLength: 500,
  contentChunkSize: 50,
  contentLoopThreshold: 10,
  maxHistoryLength: 1000,
  analysisInterval: 32,
});

/**
 * Shortest pattern the long detector looks for. The seed builds its long detector with
 * max(300 / 3, 60) = 100 on the normal runtime path (SEED-SPEC §5.2); it is not configurable there.
 */
export const minimumLongPatternLength = 100;
