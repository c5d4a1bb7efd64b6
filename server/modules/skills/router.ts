// Skills and progression procedures: the catalogue, award-xp, leaderboards and a user's progress.
import * as s from '../../../shared/schemas/skills';
import { emptyInput } from '../../../shared/schemas/primitives';
import { adminOrApiKeyProcedure, publicReadProcedure, router } from '../../trpc';
import { realmOf } from '../developer/realm';
import * as skills from './service';

const tags = ['skills'];

export const skillsRouter = router({
  list: publicReadProcedure
    .meta({ openapi: { method: 'GET', path: '/skills', tags, summary: 'The skills (10)' } })
    .input(emptyInput.optional())
    .output(s.listSkillsOutput)
    .query(({ ctx }) => skills.listSkills(ctx.db)),

  awardXp: adminOrApiKeyProcedure('skills:award')
    .meta({ openapi: { method: 'POST', path: '/skills/award-xp', tags, summary: 'Award XP to a user’s skill', protect: true }, idempotent: true, errors: ['NOT_FOUND'] })
    .input(s.awardXpInput)
    .output(s.awardXpOutput)
    .mutation(({ ctx, input }) => skills.awardXpFor(ctx.db, ctx.platform.events, ctx.actor, input)),

  leaderboard: publicReadProcedure
    .meta({ openapi: { method: 'GET', path: '/skills/leaderboard', tags, summary: 'A skill’s leaderboard, or the total one' }, errors: ['NOT_FOUND'] })
    .input(s.leaderboardInput)
    .output(s.leaderboardOutput)
    .query(({ ctx, input }) => skills.leaderboard(ctx.db, realmOf(ctx.scope), input)),

  user: publicReadProcedure
    .meta({ openapi: { method: 'GET', path: '/skills/user/{userId}', tags, summary: 'A user’s levels, totals and achievements' } })
    .input(s.userIdInput)
    .output(s.userProgressOutput)
    .query(({ ctx, input }) => skills.userProgress(ctx.db, realmOf(ctx.scope), input.userId)),

  get: publicReadProcedure
    .meta({ openapi: { method: 'GET', path: '/skills/{skillId}', tags, summary: 'One skill, with the XP of every level' } })
    .input(s.skillIdInput)
    .output(s.skillDetailOutput)
    .query(({ ctx, input }) => skills.getSkill(ctx.db, input.skillId)),
});
