// The RuneScape experience curve (levels 1–99), used by the server to level skills and by the web
// client's XP calculator. Level L needs floor(Σ_{l=1}^{L-1} floor(l + 300·2^(l/7)) / 4) XP.

export const MAX_LEVEL = 99;
/** XP per skill stops growing here; levels stop at 99 (13,034,431 XP). */
export const MAX_XP = 200_000_000;

/** XP_FOR_LEVEL[L] is the XP level L needs (index 0 unused; level 1 needs 0). */
export const XP_FOR_LEVEL: readonly number[] = (() => {
  const table = [0, 0];
  let points = 0;
  for (let level = 1; level < MAX_LEVEL; level++) {
    points += Math.floor(level + 300 * 2 ** (level / 7));
    table.push(Math.floor(points / 4));
  }
  return table;
})();

/** XP needed to reach `level` (1–99). */
export function xpForLevel(level: number): number {
  if (!Number.isInteger(level) || level < 1 || level > MAX_LEVEL) throw new RangeError(`level must be an integer 1–${MAX_LEVEL}`);
  return XP_FOR_LEVEL[level]!;
}

/** The level a skill with `xp` XP is at (binary search over the table). */
export function levelForXp(xp: number): number {
  if (!(xp >= 0)) throw new RangeError('xp must be a number ≥ 0');
  let low = 1;
  let high = MAX_LEVEL;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (XP_FOR_LEVEL[mid]! <= xp) low = mid;
    else high = mid - 1;
  }
  return low;
}

export interface LevelProgress {
  level: number;
  /** XP still needed for the next level; 0 at level 99. */
  xpToNextLevel: number;
  /** Share of the way from this level to the next, 0–1; 1 at level 99. */
  progress: number;
}

export function levelProgress(xp: number): LevelProgress {
  const level = levelForXp(xp);
  if (level >= MAX_LEVEL) return { level, xpToNextLevel: 0, progress: 1 };
  const start = XP_FOR_LEVEL[level]!;
  const next = XP_FOR_LEVEL[level + 1]!;
  return { level, xpToNextLevel: next - xp, progress: (xp - start) / (next - start) };
}
