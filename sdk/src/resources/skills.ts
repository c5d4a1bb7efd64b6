// calos.skills: skills, the XP curve, awarding XP and leaderboards (/api/skills/*).
import type { CallOptions, Transport } from '../transport.js';
import type { Query, Result } from '../types.js';

export type XPAward = Result<'/skills/award-xp', 'post'>;
export type UserSkills = Result<'/skills/user/{userId}', 'get'>;
export type ProgressSummary = Result<'/progress', 'get'>;

export class SkillsApi {
  constructor(private readonly http: Transport) {}

  list(options?: CallOptions) {
    return this.http.request('get', '/skills', {}, options);
  }

  /** One skill by id or code, with the XP each level needs. */
  get(skill: string, options?: CallOptions) {
    return this.http.request('get', '/skills/{skillId}', { path: { skillId: skill } }, options);
  }

  /**
   * Awards XP (API key with `skills:award`, or an admin). Retried safely: one Idempotency-Key is
   * sent with every attempt, so the XP is added once.
   */
  awardXP(userId: string, skill: string, xp: number, extra: { reason?: string } = {}, options?: CallOptions): Promise<XPAward> {
    return this.http.request('post', '/skills/award-xp', { body: { userId, skill, xp, ...extra }, idempotent: true }, options);
  }

  /** `skill` is a skill code or `total`; `around` a user id to centre on. */
  leaderboard(query: Query<'/skills/leaderboard', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/skills/leaderboard', { query }, options);
  }

  user(userId: string, options?: CallOptions): Promise<UserSkills> {
    return this.http.request('get', '/skills/user/{userId}', { path: { userId } }, options);
  }

  /**
   * A user's progress at a glance (GET /api/progress): XP today and this week, streak, rank, next
   * achievement, actions available now. An API key (`users:read`) names the user; a signed-in user passes null.
   */
  progress(userId: string | null, options?: CallOptions): Promise<ProgressSummary> {
    const query = (userId ? { userId } : {}) as Query<'/progress', 'get'>;
    return this.http.request('get', '/progress', { query }, options);
  }
}
