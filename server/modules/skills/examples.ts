// Example requests and responses of the skills routes, for the API reference (server/openapi-examples.ts).
// Levels and progress are computed from the XP with the server's own curve, so they always agree.
import * as s from '../../../shared/schemas/skills';
import { levelProgress, MAX_LEVEL, XP_FOR_LEVEL } from '../../../shared/xp';
import { at, exampleIds, examples } from '../../openapi-examples';

const { grace } = exampleIds;

const skills = [
  { id: '909ba4e2-12da-4a1c-97a8-ea9d1062aa91', code: 'voting', name: 'Voting', description: 'Voting on content, sharing and giving feedback.', icon: 'thumb-up' },
  { id: 'a080a3f0-6a8b-491a-b911-aa07a291baaa', code: 'creativity', name: 'Creativity', description: 'Making original work: art, music, ideas.', icon: 'bulb' },
  { id: '635bc725-e961-4671-85b5-69c6418f2798', code: 'development', name: 'Development', description: 'Writing, reviewing and documenting code.', icon: 'code' },
  { id: 'ede7ae8b-019c-49d1-90a3-598be09e75b1', code: 'trading', name: 'Trading', description: 'Listing items, making offers and completing trades.', icon: 'arrows-exchange' },
  { id: '25efb5f3-61c4-4829-aaaa-cc6fec46dd15', code: 'security', name: 'Security', description: 'Finding and fixing vulnerabilities, running scans.', icon: 'shield-lock' },
  { id: 'b8047d6f-3e6a-41f2-9c5e-2747f9a7c950', code: 'social', name: 'Social', description: 'Posting, commenting, liking and following.', icon: 'users' },
  { id: 'c8d06893-573c-4487-84ac-b39d2eda3307', code: 'analytics', name: 'Analytics', description: 'Reading data and turning it into insight.', icon: 'chart-bar' },
  { id: '9c395e62-6b97-4ad0-9e0c-f985f83ee8d7', code: 'marketing', name: 'Marketing', description: 'Reaching people: campaigns, referrals and outreach.', icon: 'speakerphone' },
  { id: '77e0d01f-51e4-44fa-83e0-22793c317ab1', code: 'design', name: 'Design', description: 'Interfaces, graphics and the look of things.', icon: 'palette' },
  { id: '7a813416-7e90-47c4-b091-eb54a920d2ec', code: 'writing', name: 'Writing', description: 'Articles, posts and documentation in words.', icon: 'writing' },
].map((skill) => ({ ...skill, maxLevel: MAX_LEVEL }));
const development = skills[2]!;

/** grace's XP per skill, after the award-xp example. */
const graceXp: Record<string, number> = { voting: 340, development: 8_100, security: 1_230, social: 95, analytics: 1_530 };
const graceSkills = skills.map(({ code, name, icon }) => {
  const xp = graceXp[code] ?? 0;
  return { code, name, icon, xp, ...levelProgress(xp) };
});

const achievement = (code: string, name: string, description: string, icon: string, rarity: s.Achievement['rarity'], points: number) => ({
  code,
  name,
  description,
  icon,
  rarity,
  points,
});
/** Every achievement, in catalogue order, with when grace unlocked it. */
const achievements = [
  [achievement('first_vote', 'First Vote', 'Complete your first Voting action.', 'thumb-up', 'common', 10), '2026-11-04T19:20:11.402Z'],
  [achievement('voting_apprentice', 'Voting Apprentice', 'Reach Voting level 10.', 'thumb-up', 'uncommon', 25), null],
  [achievement('voting_expert', 'Voting Expert', 'Reach Voting level 50.', 'thumb-up', 'rare', 100), null],
  [achievement('voting_master', 'Voting Master', 'Reach Voting level 99.', 'crown', 'legendary', 500), null],
  [achievement('hello_world', 'Hello World', 'Complete your first Development action.', 'code', 'common', 10), '2026-11-04T19:31:57.118Z'],
  [achievement('code_warrior', 'Code Warrior', 'Reach Development level 25.', 'sword', 'uncommon', 50), '2026-12-07T09:14:03.551Z'],
  [achievement('code_master', 'Code Master', 'Reach Development level 99.', 'crown', 'legendary', 1000), null],
  [achievement('bug_hunter', 'Bug Hunter', 'Complete your first Security action.', 'bug', 'common', 15), '2026-11-12T10:02:40.950Z'],
  [achievement('security_expert', 'Security Expert', 'Reach Security level 50.', 'shield-check', 'rare', 200), null],
  [achievement('legendary_hacker', 'Legendary Hacker', 'Reach Security level 99.', 'crown', 'legendary', 2000), null],
  [achievement('jack_of_all_trades', 'Jack of All Trades', 'Reach level 10 in 5 skills.', 'stack-2', 'rare', 150), null],
  [achievement('master_of_all', 'Master of All', 'Reach level 99 in every skill.', 'trophy', 'legendary', 10000), null],
] as const;
const codeWarrior = achievements[5][0];

export const list = examples({ output: s.listSkillsOutput }, { response: { items: skills } });

export const awardXp = examples(
  { input: s.awardXpInput, output: s.awardXpOutput },
  {
    request: { userId: grace, skill: 'development', xp: 1200, reason: 'solved puzzle 42' },
    response: {
      userId: grace,
      skill: 'development',
      xpAwarded: 1200,
      xp: 8_100,
      level: levelProgress(8_100).level,
      levelsGained: levelProgress(8_100).level - levelProgress(6_900).level,
      achievementsUnlocked: [codeWarrior],
    },
  },
);

const entry = (rank: number, userId: string, username: string, xp: number) => ({ rank, userId, username, synthetic: false, xp, level: levelProgress(xp).level });

export const leaderboard = examples(
  { input: s.leaderboardInput, output: s.leaderboardOutput },
  {
    request: { skill: 'development', limit: 3 },
    response: {
      board: 'development',
      items: [
        entry(1, '08aa5716-0969-47f8-97b9-8256ce6552a3', 'linus_t', 48_920),
        entry(2, '5c96aa4c-76aa-4c09-b648-da19bb7c78a5', 'margaret_h', 31_377),
        entry(3, grace, 'grace', 8_100),
      ],
      nextCursor: 'WzMsODEwMCwxMTg3XQ',
    },
  },
);

export const user = examples(
  { input: s.userIdInput, output: s.userProgressOutput },
  {
    request: { userId: grace },
    response: {
      userId: grace,
      username: 'grace',
      synthetic: false,
      totalLevel: graceSkills.reduce((sum, skill) => sum + skill.level, 0),
      totalXp: graceSkills.reduce((sum, skill) => sum + skill.xp, 0),
      skills: graceSkills,
      achievements: achievements.map(([a, unlockedAt]) => ({ ...a, unlocked: unlockedAt !== null, unlockedAt: unlockedAt && at(unlockedAt) })),
    },
  },
);

export const get = examples(
  { input: s.skillIdInput, output: s.skillDetailOutput },
  {
    request: { skillId: 'development' },
    response: { ...development, levels: XP_FOR_LEVEL.slice(1).map((xp, i) => ({ level: i + 1, xp })) },
  },
);
