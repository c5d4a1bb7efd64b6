// Model profiles: a provider, a model, a system prompt and parameters. The twelve "domain AI
// brands" of the seed are synthetic personas on the stub provider, seeded at every start.
import type { Knex } from 'knex';
import { conflict, isUniqueViolation, type Kernel } from '../../../server/extensions/api';
import type { z } from 'zod';
import type { createProfileInput } from '../schemas';
import { STARTING_RATING } from '../../../shared/elo';

const BRANDS: Array<[slug: string, name: string, persona: string]> = [
  ['lumen-forge', 'LumenForge', 'Bright, bold landing pages; loves gradients.'],
  ['quill-quarry', 'QuillQuarry', 'A copywriter: taglines and crisp headlines.'],
  ['pixel-parlor', 'PixelParlor', 'Playful micro-interactions and tiny games.'],
  ['tidewright', 'Tidewright', 'Calm, accessible layouts with generous spacing.'],
  ['nimbus-nook', 'NimbusNook', 'Minimalist; one idea per page.'],
  ['brand-beacon', 'BrandBeacon', 'Logo briefs and brand voice documents.'],
  ['cobalt-cortex', 'CobaltCortex', 'Data-heavy dashboards and charts.'],
  ['verdant-verse', 'VerdantVerse', 'Nature metaphors; sustainability brands.'],
  ['atlas-anvil', 'AtlasAnvil', 'Sturdy, conventional, well-tested code.'],
  ['saffron-script', 'SaffronScript', 'Warm colours and storytelling copy.'],
  ['kilowatt-kiosk', 'KilowattKiosk', 'Energetic calls to action for shops.'],
  ['oriel-oracle', 'OrielOracle', 'Thoughtful long-form explanations.'],
];

export const SYNTHETIC_BRANDS = BRANDS.map(([slug]) => slug);

/** The twelve synthetic brands on the stub provider (idempotent: an operator's edits stay). */
export async function seedProfiles(db: Knex) {
  await db('challenges_profiles')
    .insert(
      BRANDS.map(([slug, name, persona], i) => ({
        slug,
        name,
        persona,
        provider: 'stub',
        model: `stub-${slug}`,
        system_prompt: `You are ${name}, a synthetic domain AI brand. ${persona}`,
        parameters: JSON.stringify({ temperature: 0.2 + (i % 5) / 10, seed: i + 1 }),
        synthetic: true,
      })),
    )
    .onConflict('slug')
    .ignore();
}

export interface ProfileRow {
  id: string;
  slug: string;
  name: string;
  persona: string;
  provider: 'stub' | 'ollama';
  model: string;
  system_prompt: string;
  parameters: Record<string, unknown>;
  synthetic: boolean;
  created_at: Date;
}

export const profileView = (row: ProfileRow, rating: number | undefined) => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  persona: row.persona,
  provider: row.provider,
  model: row.model,
  systemPrompt: row.system_prompt,
  parameters: row.parameters,
  synthetic: row.synthetic,
  rating: rating ?? STARTING_RATING,
  createdAt: row.created_at,
});

export async function ratingsOf(db: Knex, entrants: string[]): Promise<Map<string, number>> {
  if (!entrants.length) return new Map();
  const rows = (await db('challenges_ratings').whereIn('entrant', entrants).select('entrant', 'rating')) as Array<{ entrant: string; rating: number }>;
  return new Map(rows.map((r) => [r.entrant, Number(r.rating)]));
}

export async function listProfiles(db: Knex) {
  const rows = (await db('challenges_profiles').orderBy([{ column: 'synthetic', order: 'desc' }, { column: 'name' }]).select('*')) as ProfileRow[];
  const ratings = await ratingsOf(db, rows.map((r) => `model:${r.id}`));
  return { items: rows.map((r) => profileView(r, ratings.get(`model:${r.id}`))) };
}

export async function createProfile(kernel: Kernel, userId: string, input: z.output<typeof createProfileInput>) {
  try {
    const [row] = (await kernel
      .db('challenges_profiles')
      .insert({ slug: input.slug, name: input.name, persona: input.persona, provider: input.provider, model: input.model, system_prompt: input.systemPrompt, parameters: JSON.stringify(input.parameters), synthetic: false, created_by: userId })
      .returning('*')) as ProfileRow[];
    return profileView(row!, undefined);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('SLUG_TAKEN', `A profile "${input.slug}" exists already.`);
    throw err;
  }
}

export async function profilesById(db: Knex, ids: string[]): Promise<Map<string, ProfileRow>> {
  if (!ids.length) return new Map();
  const rows = (await db('challenges_profiles').whereIn('id', ids).select('*')) as ProfileRow[];
  return new Map(rows.map((r) => [r.id, r]));
}
