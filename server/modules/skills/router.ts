// Skills and progression procedures: the catalogue, award-xp, leaderboards and a user's progress.
import * as s from '../../../shared/schemas/skills';
import { emptyInput } from '../../../shared/schemas/primitives';
import { adminOrApiKeyProcedure, publicReadProcedure, router } from '../../trpc';
import { realmOf } from '../developer/realm';
import * as skills from './service';
import * as ex from './examples';

const tags = ['skills'];

export const skillsRouter = router({
  list: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/skills',
        tags,
        summary: 'The skills (10)',
        description:
          'The ten skills users level up, in display order. Each has levels 1–99 on the same XP curve (GET ' +
          '/skills/{skillId} lists it).',
      },
      examples: ex.list,
    })
    .input(emptyInput.optional())
    .output(s.listSkillsOutput)
    .query(({ ctx }) => skills.listSkills(ctx.db)),

  awardXp: adminOrApiKeyProcedure('skills:award')
    .meta({
      openapi: {
        method: 'POST',
        path: '/skills/award-xp',
        tags,
        summary: 'Award XP to a user’s skill',
        description:
          'Adds XP to a user’s skill and answers the new XP and level, the levels gained and any achievement ' +
          'this unlocked; `xp.awarded`, `level.up` and `achievement.unlocked` events follow. A skill’s XP stops ' +
          'at 200,000,000 (`xpAwarded` then says how much was added). An API key awards in its own mode: a test ' +
          'key only in its application’s sandbox. Send an `Idempotency-Key` to retry safely.',
        protect: true,
      },
      idempotent: true,
      errors: ['NOT_FOUND'],
      examples: ex.awardXp,
    })
    .input(s.awardXpInput)
    .output(s.awardXpOutput)
    .mutation(({ ctx, input }) => skills.awardXpFor(ctx.db, ctx.platform.events, ctx.actor, input)),

  leaderboard: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/skills/leaderboard',
        tags,
        summary: 'A skill’s leaderboard, or the total one',
        description:
          'Users ranked by a skill’s XP, or on the `total` board by total level, then total XP; ties go to who ' +
          'got there first. Page with `cursor`, or centre the page on one user with `around` (ten above, ten ' +
          'below, and `you`).',
      },
      errors: ['NOT_FOUND'],
      examples: ex.leaderboard,
    })
    .input(s.leaderboardInput)
    .output(s.leaderboardOutput)
    .query(({ ctx, input }) => skills.leaderboard(ctx.db, realmOf(ctx.scope), input)),

  user: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/skills/user/{userId}',
        tags,
        summary: 'A user’s levels, totals and achievements',
        description:
          'A user’s level, XP and progress to the next level in every skill, their totals, and every ' +
          'achievement with whether and when they unlocked it.',
      },
      examples: ex.user,
    })
    .input(s.userIdInput)
    .output(s.userProgressOutput)
    .query(({ ctx, input }) => skills.userProgress(ctx.db, realmOf(ctx.scope), input.userId)),

  get: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/skills/{skillId}',
        tags,
        summary: 'One skill, with the XP of every level',
        description:
          'One skill by its id or code, with the XP each level from 1 to 99 needs.',
      },
      examples: ex.get,
    })
    .input(s.skillIdInput)
    .output(s.skillDetailOutput)
    .query(({ ctx, input }) => skills.getSkill(ctx.db, input.skillId)),
});
