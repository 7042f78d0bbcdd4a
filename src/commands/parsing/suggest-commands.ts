/**
 * Suggests known command names for an unknown one, for the "unknown command" reply.
 *
 * A name qualifies when its Damerau–Levenshtein distance (optimal string alignment: insert,
 * delete, substitute, swap two neighbours) is at most 3 and at most half the typed name's
 * length (so `x` or `hepl` do not suggest every three-letter command), or when it starts
 * with the typed name (`route` → `route-append`, …). Close names come first, by distance, then
 * prefix-only matches, shortest first; ties go alphabetically. Case is ignored.
 *
 * @param name the unknown name as typed
 * @param known the known command names
 * @param max the most suggestions to return
 * @example
 * suggestCommands('hepl', ['hello', 'help', 'set']); // ['help', 'hello']
 */
export function suggestCommands(name: string, known: readonly string[], max = 3): string[] {
  const typed = name.toLowerCase();
  if (typed === '') return [];
  const limit = Math.min(3, Math.floor(typed.length / 2));
  const ranked: { name: string; rank: number }[] = [];
  for (const candidate of new Set(known)) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(typed, lower);
    if (distance <= limit) ranked.push({ name: candidate, rank: distance });
    else if (lower.startsWith(typed)) ranked.push({ name: candidate, rank: 4 + lower.length });
  }
  ranked.sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return ranked.slice(0, Math.max(0, max)).map((entry) => entry.name);
}

/** Optimal-string-alignment distance, with three rolling rows. */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2] + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}
