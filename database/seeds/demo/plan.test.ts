// The demo data's pure parts: the seeded random streams, the demo account's activity plan and its
// published coupon codes are the same on every run and machine.
import { describe, expect, it } from 'vitest';
import { parseCode } from '../../../extensions/mailer/server/coupon-code';
import { DEMO_STREAK_DAYS, HISTORY_DAYS, demoActivityPlan } from './activity';
import { dayTime } from './context';
import { demoCouponCodes } from '../../../extensions/mailer/demo';
import { Random } from './random';
import { SYNTHETIC_PLAYERS, playerNames } from './users';

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('Random', () => {
  it('draws the same sequence from the same stream, and another from another', () => {
    const draw = (stream: string) => {
      const random = new Random(stream);
      return [random.next(), random.int(1, 6), random.uuid(), random.pick(['a', 'b', 'c']), random.normal()];
    };
    expect(draw('one')).toEqual(draw('one'));
    expect(draw('one')).not.toEqual(draw('two'));
    expect(new Random('ids').uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the demo account’s history', () => {
  for (const now of [new Date('2026-12-06T17:45:00Z'), new Date('2026-12-07T00:00:30Z')]) {
    it(`is the same plan every time, in order, before ${now.toISOString()}, with a streak up to today`, () => {
      const plan = demoActivityPlan(new Random('activity'), now);
      expect(demoActivityPlan(new Random('activity'), now)).toEqual(plan);
      expect(plan.every((step, i) => step.at < now && (i === 0 || step.at > plan[i - 1]!.at))).toBe(true);
      const days = new Set(plan.map((step) => day(step.at)));
      for (let d = 0; d < DEMO_STREAK_DAYS; d++) expect(days.has(day(dayTime(now, d, 12)))).toBe(true);
      expect(days.has(day(dayTime(now, DEMO_STREAK_DAYS, 12)))).toBe(false);
      expect(day(plan[0]!.at) >= day(dayTime(now, HISTORY_DAYS - 1, 12))).toBe(true);
      expect(plan.filter((step) => step.doubleClick)).toHaveLength(2);
    });
  }
});

describe('published data', () => {
  it('grants the demo account the same valid coupon codes everywhere', () => {
    const codes = demoCouponCodes();
    expect(codes).toEqual(demoCouponCodes());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(parseCode(code).kind).toBe('ok');
  });

  it('names the synthetic players the same way everywhere, as valid usernames', () => {
    const names = playerNames(new Random('calos-demo:users'));
    expect(names).toEqual(playerNames(new Random('calos-demo:users')));
    expect(new Set(names).size).toBe(SYNTHETIC_PLAYERS);
    for (const name of names) expect(name).toMatch(/^[a-z0-9_]{3,32}$/);
  });
});
