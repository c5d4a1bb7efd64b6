// How actions read in plain words: refusal reasons, limits, countdowns, and what each effect of an
// execution did ("+10 Voting XP (level 3)", "achievement unlocked: First Vote", "+5 credits").
import type { Action } from '../../../shared/schemas/actions';

type RefusalReason = 'SCHEDULE_CLOSED' | 'COOLDOWN' | 'DAILY_LIMIT' | 'RATE_LIMITED';
export interface EffectResult {
  effectCode: string;
  status: 'applied' | 'skipped';
  result: Record<string, unknown>;
}
/** Code → display name, for skills and schedules the server names by code. */
export type Names = ReadonlyMap<string, string>;

const countFormat = new Intl.NumberFormat();
export const formatCount = (n: number) => countFormat.format(n);

const refusals: Record<RefusalReason, string> = {
  COOLDOWN: 'Cooling down',
  DAILY_LIMIT: 'Daily limit reached',
  RATE_LIMITED: 'Too many actions this minute',
  SCHEDULE_CLOSED: 'Outside its schedule',
};

export function describeRefusal(reason: string | null | undefined): string {
  return (reason && refusals[reason as RefusalReason]) || 'Not available now';
}

/** "3 s", "4 min 05 s", "2 h 04 min 05 s", "3 d 4 h": a countdown that ticks every second. */
export function formatCountdown(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (days) return `${days} d ${hours} h ${two(minutes)} min`;
  if (hours) return `${hours} h ${two(minutes)} min ${two(seconds)} s`;
  if (minutes) return `${minutes} min ${two(seconds)} s`;
  return `${seconds} s`;
}

/** A cooldown as a duration: "3 s", "5 min", "1 h 30 min", "1 d". */
export function formatDuration(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts = [days && `${days} d`, hours && `${hours} h`, minutes && `${minutes} min`, seconds && `${seconds} s`].filter(Boolean);
  return parts.join(' ') || 'none';
}

/** "first_vote" → "First vote", for names the server gives only as codes. */
export const humanize = (code: string) => {
  const words = code.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const nameOf = (names: Names, code: string) => names.get(code) ?? humanize(code);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The limits of an action, as short labels for badges. */
export function describeLimits(action: Action, scheduleNames: Names): string[] {
  const limits = [action.cooldownSeconds ? `Cooldown ${formatDuration(action.cooldownSeconds)}` : 'No cooldown'];
  limits.push(action.dailyLimit === null ? 'No daily limit' : `${formatCount(action.dailyLimit)} a day`);
  if (action.rateLimitPerMinute !== null) limits.push(`${formatCount(action.rateLimitPerMinute)} a minute`);
  limits.push(action.schedules.length ? action.schedules.map((c) => nameOf(scheduleNames, c)).join(' + ') : 'Any time');
  return limits;
}

/** What an action's effects give, before executing it: "10 Voting XP", "5 credits", "votes +1". */
export function describeRewards(action: Action, skillNames: Names): string[] {
  return action.effects.flatMap(({ effectCode, effectParams: p }) => {
    switch (effectCode) {
      case 'award_xp': {
        const skill = str(p.skillId ?? p.skill).replace(/^<([a-z0-9_]+)-skill-id>$/, '$1');
        return [`${formatCount(num(p.xpAmount ?? p.xp))} ${nameOf(skillNames, skill)} XP`];
      }
      case 'award_credits':
        return [plural(num(p.amount), 'credit')];
      case 'increment_counter':
        return [`${str(p.counter)} +${formatCount(num(p.by) || 1)}`];
      case 'streak':
        return [`${humanize(str(p.streak) || action.code)} streak`];
      case 'unlock_achievement':
        return [`achievement ${humanize(str(p.achievement))}`];
      case 'xp_multiplier':
        return [`×${num(p.multiplier)} XP boost`];
      case 'grant_free_action':
        return [plural(num(p.uses), 'free use')];
      case 'grant_coupon':
        return ['a coupon'];
      default:
        return []; // check_achievements, emit_event: nothing to show in advance
    }
  });
}

/**
 * What one execution did, one line per thing, in order. Achievements unlocked by award_xp and by
 * check_achievements are the same unlocks seen twice, so each is told once.
 */
export function describeEffects(effects: EffectResult[], skillNames: Names): string[] {
  const lines: string[] = [];
  const achievements = new Set<string>();
  const unlocked = (code: string, name: string) => {
    if (achievements.has(code)) return;
    achievements.add(code);
    lines.push(`achievement unlocked: ${name}`);
  };
  for (const { effectCode, status, result: r } of effects) {
    if (status === 'skipped') {
      if (r.reason === 'TEST_MODE') lines.push(`${humanize(effectCode)} skipped in test mode`);
      continue; // already unlocked, nothing new to unlock: nothing happened worth telling
    }
    switch (effectCode) {
      case 'award_xp': {
        const multiplier = num(r.multiplier);
        const boost = multiplier > 1 ? `, ×${multiplier} boost` : '';
        const levelUp = num(r.levelsGained) > 0 ? ', level up!' : '';
        lines.push(`+${formatCount(num(r.xpAwarded))} ${nameOf(skillNames, str(r.skill))} XP (level ${num(r.level)}${levelUp}${boost})`);
        for (const a of (r.achievementsUnlocked as Array<{ code: string; name: string }> | undefined) ?? []) unlocked(a.code, a.name);
        break;
      }
      case 'unlock_achievement': {
        const a = r.achievement as { code: string; name: string } | undefined;
        if (a) unlocked(a.code, a.name);
        break;
      }
      case 'check_achievements':
        for (const code of (r.unlocked as string[] | undefined) ?? []) unlocked(code, humanize(code));
        break;
      case 'streak': {
        const best = num(r.longest) > num(r.current) ? ` (best ${plural(num(r.longest), 'day')})` : '';
        lines.push(`${humanize(str(r.streak))} streak ${plural(num(r.current), 'day')}${best}`);
        break;
      }
      case 'award_credits':
        lines.push(`+${plural(num(r.amount), 'credit')} (balance ${formatCount(num(r.balance))})`);
        break;
      case 'increment_counter':
        lines.push(`${humanize(str(r.counter))} counter: ${formatCount(num(r.value))}`);
        break;
      case 'grant_coupon':
        // The code itself is in execute's answer only; the history keeps its last 4 characters.
        lines.push(r.code ? `coupon code ${str(r.code)} (shown once: note it down)` : `coupon code ••••-••••-${str(r.codeHint)}`);
        break;
      case 'grant_free_action':
        lines.push(`${plural(num(r.uses), 'free use')} of ${humanize(str(r.actionCode))} (${formatCount(num(r.usesLeft))} left)`);
        break;
      case 'xp_multiplier': {
        const boost = r.boost as { multiplier: number; skill: string | null; endsAt: string | Date } | undefined;
        if (boost) lines.push(`×${boost.multiplier} XP boost${boost.skill ? ` in ${nameOf(skillNames, boost.skill)}` : ''}`);
        break;
      }
      case 'emit_event':
        lines.push(`event “${str(r.name)}” sent`);
        break;
      default:
        lines.push(`${humanize(effectCode)} applied`);
    }
  }
  return lines;
}
