const words = (
  'the of and to in is that it was for on are as with his they at be this from have or by one had not but ' +
  'what all were when we there can an your which their said if do will each about how up out them then she ' +
  'many some so these would other into has more her two like him see time could no make than first been its ' +
  'who now people my made over did down only way find use may water long little very after words called just ' +
  'where most know get through back much before go good new write our used me man too any day same right look'
).split(' ');

/** Deterministic pseudo-random prose (a tiny LCG), so every run measures the same text. */
export function generateProse(length: number, seed = 1): string {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 8;
  };
  const parts: string[] = [];
  let size = 0;
  let sentence = 0;
  while (size < length) {
    const word = words[next() % words.length] ?? 'word';
    sentence += 1;
    const piece = sentence > 8 + (next() % 12) ? `${word}. ` : `${word} `;
    if (sentence > 8 && piece.endsWith('. ')) sentence = 0;
    parts.push(next() % 40 === 0 ? `${piece}\n\n` : piece);
    size += piece.length;
  }
  return parts.join('');
}
