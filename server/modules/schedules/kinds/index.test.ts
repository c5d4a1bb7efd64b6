// The kind registry: every kind is there once, a duplicate id stops start-up, and `always` is open.
import { describe, expect, it } from 'vitest';
import { collectScheduleKinds, scheduleKinds } from './index';
import { alwaysKind } from './always';

describe('schedule kinds', () => {
  it('holds always, business_hours and exchange', () => {
    expect(scheduleKinds.ids().sort()).toEqual(['always', 'business_hours', 'exchange']);
  });

  it('refuses a duplicate id', () => {
    expect(() => collectScheduleKinds([alwaysKind, { ...alwaysKind }])).toThrow('Schedule kind always is defined twice');
  });

  it('always is open and never changes', () => {
    const always = alwaysKind.calendar({}, 'UTC');
    const at = new Date('2026-12-25T03:00:00Z');
    expect(always.stateAt(at)).toEqual({ open: true, reason: null, nextOpenAt: null, nextCloseAt: null });
    expect(always.nextCloseAt(at)).toBeNull();
  });
});
