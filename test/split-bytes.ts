import fc from 'fast-check';

/** Number of fast-check runs, from `FC_NUM_RUNS` (default 100). */
export const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

/** Splits bytes at the given cut points (any byte offset, including inside a UTF-8 character). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

/** An arbitrary list of cut points for {@link splitAt}. */
export const cutPoints = fc.array(fc.nat(), { maxLength: 40 });
