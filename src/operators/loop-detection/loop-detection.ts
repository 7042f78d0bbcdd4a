/** What a loop detector reports: the repeated unit, how often it repeated, the region's length. */
export interface LoopDetection {
  readonly pattern: string;
  readonly repetitions: number;
  readonly totalLength: number;
}
