/**
 * One step of an incremental candidate scanner, after it has seen one more character:
 * - `more`: the character belongs to the candidate; keep holding;
 * - `complete`: the character ends the candidate (it is part of the span);
 * - `complete-before`: the candidate ended just before this character (which is not consumed);
 * - `reject`: not a tool call; release the held text and re-read this character as plain text;
 * - `reject-to-fence`: as `reject`, and the text is inside a code fence that must stay opaque.
 */
export type ScanStep = 'more' | 'complete' | 'complete-before' | 'reject' | 'reject-to-fence';

export type CandidateKind = 'json' | 'fence' | 'tag' | 'directive';

/**
 * Finds the end of a possible tool-call span one character at a time, so a growing stream is never
 * re-scanned. Scanners only delimit spans; the detectors decide what a complete span means.
 */
export interface CandidateScanner {
  readonly kind: CandidateKind;
  /** Feeds the next UTF-16 code unit; the first call gets the trigger character. */
  push(char: string): ScanStep;
  /** The text block ended: is the held span complete as it is? */
  end(): 'complete' | 'reject';
}
