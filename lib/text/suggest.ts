/** The accepted word a typo most likely meant: same letters up to case and dashes, a few edits, or a missing suffix. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const normalized = (text: string) => text.toLowerCase().replace(/[-_\s]/g, "");
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = normalized(candidate) === normalized(word) ? 0 : editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (best && best.distance <= Math.max(1, Math.floor(best.candidate.length / 4))) return best.candidate;
  // A field written without its unit or suffix: accessTokenLifetime for accessTokenLifetimeMinutes.
  return word.length >= 4
    ? candidates.find(
        (candidate) => normalized(candidate).startsWith(normalized(word)) || normalized(word).startsWith(normalized(candidate)),
      )
    : undefined;
}

/** Optimal string alignment distance: a swap of two neighbouring letters ("flwo") counts as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, index) => index)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let distance = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
      row.push(distance);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
