// The original system's 10 skills and 12 achievements (shared/notes/SEED-DATA.md), with the same
// codes, so an application written against it finds them here.
import type { Db } from '../../server/db/index';

export const seedSkills = [
  { code: 'voting', name: 'Voting', icon: 'thumb-up', description: 'Voting on content, sharing and giving feedback.' },
  { code: 'creativity', name: 'Creativity', icon: 'bulb', description: 'Making original work: art, music, ideas.' },
  { code: 'development', name: 'Development', icon: 'code', description: 'Writing, reviewing and documenting code.' },
  { code: 'trading', name: 'Trading', icon: 'arrows-exchange', description: 'Listing items, making offers and completing trades.' },
  { code: 'security', name: 'Security', icon: 'shield-lock', description: 'Finding and fixing vulnerabilities, running scans.' },
  { code: 'social', name: 'Social', icon: 'users', description: 'Posting, commenting, liking and following.' },
  { code: 'analytics', name: 'Analytics', icon: 'chart-bar', description: 'Reading data and turning it into insight.' },
  { code: 'marketing', name: 'Marketing', icon: 'speakerphone', description: 'Reaching people: campaigns, referrals and outreach.' },
  { code: 'design', name: 'Design', icon: 'palette', description: 'Interfaces, graphics and the look of things.' },
  { code: 'writing', name: 'Writing', icon: 'writing', description: 'Articles, posts and documentation in words.' },
];

type Rarity = 'common' | 'uncommon' | 'rare' | 'epic' | 'legendary';
interface SeedAchievement {
  code: string;
  name: string;
  description: string;
  icon: string;
  rarity: Rarity;
  points: number;
  condition: Record<string, unknown> & { type: string };
}

export const seedAchievements: SeedAchievement[] = [
  { code: 'first_vote', name: 'First Vote', description: 'Complete your first Voting action.', icon: 'thumb-up', rarity: 'common', points: 10, condition: { type: 'action_count', category: 'voting', count: 1 } },
  { code: 'voting_apprentice', name: 'Voting Apprentice', description: 'Reach Voting level 10.', icon: 'thumb-up', rarity: 'uncommon', points: 25, condition: { type: 'skill_level', skill: 'voting', level: 10 } },
  { code: 'voting_expert', name: 'Voting Expert', description: 'Reach Voting level 50.', icon: 'thumb-up', rarity: 'rare', points: 100, condition: { type: 'skill_level', skill: 'voting', level: 50 } },
  { code: 'voting_master', name: 'Voting Master', description: 'Reach Voting level 99.', icon: 'crown', rarity: 'legendary', points: 500, condition: { type: 'skill_level', skill: 'voting', level: 99 } },
  { code: 'hello_world', name: 'Hello World', description: 'Complete your first Development action.', icon: 'code', rarity: 'common', points: 10, condition: { type: 'action_count', category: 'development', count: 1 } },
  { code: 'code_warrior', name: 'Code Warrior', description: 'Reach Development level 25.', icon: 'sword', rarity: 'uncommon', points: 50, condition: { type: 'skill_level', skill: 'development', level: 25 } },
  { code: 'code_master', name: 'Code Master', description: 'Reach Development level 99.', icon: 'crown', rarity: 'legendary', points: 1000, condition: { type: 'skill_level', skill: 'development', level: 99 } },
  { code: 'bug_hunter', name: 'Bug Hunter', description: 'Complete your first Security action.', icon: 'bug', rarity: 'common', points: 15, condition: { type: 'action_count', category: 'security', count: 1 } },
  { code: 'security_expert', name: 'Security Expert', description: 'Reach Security level 50.', icon: 'shield-check', rarity: 'rare', points: 200, condition: { type: 'skill_level', skill: 'security', level: 50 } },
  { code: 'legendary_hacker', name: 'Legendary Hacker', description: 'Reach Security level 99.', icon: 'crown', rarity: 'legendary', points: 2000, condition: { type: 'skill_level', skill: 'security', level: 99 } },
  { code: 'jack_of_all_trades', name: 'Jack of All Trades', description: 'Reach level 10 in 5 skills.', icon: 'stack-2', rarity: 'rare', points: 150, condition: { type: 'skills_at_level', count: 5, level: 10 } },
  { code: 'master_of_all', name: 'Master of All', description: 'Reach level 99 in every skill.', icon: 'trophy', rarity: 'legendary', points: 10000, condition: { type: 'skills_at_level', count: 10, level: 99 } },
];

/** Creates missing skills and achievements; leaves existing ones (an operator may have edited them). */
export async function seedProgression(db: Db): Promise<void> {
  await db('skills')
    .insert(seedSkills.map((skill, i) => ({ ...skill, sort_order: i + 1 })))
    .onConflict('code')
    .ignore();
  await db('achievements')
    .insert(seedAchievements.map((a, i) => ({ ...a, condition: JSON.stringify(a.condition), sort_order: i + 1 })))
    .onConflict('code')
    .ignore();
}
