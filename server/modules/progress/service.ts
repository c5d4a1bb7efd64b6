// A user's progress at a glance, composed from the skills and actions services: totals, XP today
// and this week, the streak and the rank, the next achievement within reach, and what the user can
// execute now. Days and weeks are the user's own, in their time zone.
import { DateTime } from 'luxon';
import { AVAILABLE_ACTIONS_LISTED, type ProgressSummary } from '../../../shared/schemas/progress';
import type { Tx } from '../../db/index';
import { notFound } from '../../errors';
import { realmOf, type ModeScope } from '../developer/realm';
import { availableActions } from '../actions/engine';
import { activityStreak } from '../actions/history';
import { achievementOutlook } from '../skills/achievements';
import { boardStanding } from '../skills/leaderboards';
import { userProgress, xpGainedSince } from '../skills/service';

export async function progressSummary(db: Tx, scope: ModeScope, userId: string): Promise<ProgressSummary> {
  const user = (await db('users').where({ id: userId }).first('id', 'timezone')) as { id: string; timezone: string | null } | undefined;
  if (!user) throw notFound('user', 'No such user.');
  const realm = realmOf(scope);
  const zone = user.timezone ?? 'UTC';
  const today = DateTime.now().setZone(zone).startOf('day');
  const weekStart = today.startOf('week'); // ISO weeks: Monday
  const [progress, [xpToday = 0, xpThisWeek = 0], streak, rank, outlook, actions] = await Promise.all([
    userProgress(db, realm, userId),
    xpGainedSince(db, realm, userId, [today.toJSDate(), weekStart.toJSDate()]),
    activityStreak(db, realm, userId, zone),
    boardStanding(db, realm, 'total', userId),
    achievementOutlook(db, realm, userId),
    availableActions(db, scope, userId),
  ]);
  const todayIso = today.toISODate()!;
  const yesterdayIso = today.minus({ days: 1 }).toISODate()!;
  const current = streak.lastActiveDay === todayIso || streak.lastActiveDay === yesterdayIso;
  return {
    userId,
    username: progress.username,
    timezone: zone,
    totalLevel: progress.totalLevel,
    totalXp: progress.totalXp,
    xpToday,
    xpThisWeek,
    weekStartsAt: weekStart.toJSDate(),
    streak: { days: current ? streak.days : 0, activeToday: streak.lastActiveDay === todayIso, lastActiveDay: streak.lastActiveDay },
    rank,
    achievements: { unlocked: outlook.unlocked, total: outlook.total },
    nextAchievement: outlook.next,
    availableActions: {
      count: actions.available.length,
      total: actions.total,
      items: actions.available.slice(0, AVAILABLE_ACTIONS_LISTED).map(({ action, remainingToday }) => ({
        code: action.code,
        name: action.name,
        category: action.category,
        remainingToday,
      })),
    },
  };
}
