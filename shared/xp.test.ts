// The curve against the published RuneScape experience table, level by level.
import { describe, expect, it } from 'vitest';
import { levelForXp, levelProgress, MAX_XP, xpForLevel } from './xp';

// The published table (RuneScape Wiki, "Experience"), levels 1–99.
const PUBLISHED = [
  0, 83, 174, 276, 388, 512, 650, 801, 969, 1154, 1358, 1584, 1833, 2107, 2411, 2746, 3115, 3523, 3973, 4470, 5018, 5624,
  6291, 7028, 7842, 8740, 9730, 10824, 12031, 13363, 14833, 16456, 18247, 20224, 22406, 24815, 27473, 30408, 33648, 37224,
  41171, 45529, 50339, 55649, 61512, 67983, 75127, 83014, 91721, 101333, 111945, 123660, 136594, 150872, 166636, 184040,
  203254, 224466, 247886, 273742, 302288, 333804, 368599, 407015, 449428, 496254, 547953, 605032, 668051, 737627, 814445,
  899257, 992895, 1096278, 1210421, 1336443, 1475581, 1629200, 1798808, 1986068, 2192818, 2421087, 2673114, 2951373,
  3258594, 3597792, 3972294, 4385776, 4842295, 5346332, 5902831, 6517253, 7195629, 7944614, 8771558, 9684577, 10692629,
  11805606, 13034431,
];

describe('the XP curve', () => {
  it('matches the published table at every level', () => {
    expect(PUBLISHED).toHaveLength(99);
    PUBLISHED.forEach((xp, i) => expect(xpForLevel(i + 1), `level ${i + 1}`).toBe(xp));
  });

  it('levels XP at, just below and past each threshold', () => {
    PUBLISHED.forEach((xp, i) => {
      expect(levelForXp(xp)).toBe(i + 1);
      if (xp > 0) expect(levelForXp(xp - 1)).toBe(i);
    });
    expect(levelForXp(MAX_XP)).toBe(99);
  });

  it('gives XP to the next level and progress within a level', () => {
    expect(levelProgress(0)).toEqual({ level: 1, xpToNextLevel: 83, progress: 0 });
    expect(levelProgress(100)).toMatchObject({ level: 2, xpToNextLevel: 74 });
    expect(levelProgress(100).progress).toBeCloseTo(17 / 91);
    expect(levelProgress(13_034_431)).toEqual({ level: 99, xpToNextLevel: 0, progress: 1 });
  });

  it('refuses levels and XP off the curve', () => {
    expect(() => xpForLevel(0)).toThrow(RangeError);
    expect(() => xpForLevel(100)).toThrow(RangeError);
    expect(() => xpForLevel(2.5)).toThrow(RangeError);
    expect(() => levelForXp(-1)).toThrow(RangeError);
  });
});
