/** Returns a counter 1, 2, 3… for the `sequence` field of capture entries. */
export function createCaptureSequence(): () => number {
  let last = 0;
  return () => {
    last += 1;
    return last;
  };
}

/** The process-wide sequence, as the seed numbers every entry of the capture file in one series. */
export const nextCaptureSequence: () => number = createCaptureSequence();
