// The demo's portfolio: synthetic names (no RDAP look-up) owned by the demo account and a few
// players, with the players' votes, pairwise comparisons (real Elo changes) and feedback, so the
// portfolio, a name's page, the comparison and the leaderboard show something. Votes and feedback
// are written directly (no XP: the demo's XP history is the kernel's).
import { daysBefore, type DemoContext, type Kernel } from '../../server/extensions/api';
import { compare } from './server/compare';
import { toAsciiName } from './server/names';

export const DEMO_NAMES = ['quizcraft.dev', 'levelup.games', 'bücherwurm.de', 'streakmaster.io', 'pixelpuzzle.app', 'chessclub.org', 'xpforge.net', 'badgebay.com'];
const NOTES = 'Demo name (synthetic): not looked up by RDAP.';
const FEEDBACK = ['Short and easy to spell.', 'Sounds like a game, which is the point.', 'I would shorten it.', 'Memorable, but the TLD feels odd.'];

/** A demo name in its stored form (the demo's names are valid; a typo here fails the seed loudly). */
function asciiName(name: string): string {
  const checked = toAsciiName(name);
  if (!checked.ok) throw new Error(`demo name ${name} ${checked.reason}`);
  return checked.ascii;
}

export async function seedDemoDomains(_kernel: Kernel, demo: DemoContext): Promise<Record<string, number>> {
  const owners = [demo.demo, ...demo.players.slice(0, 3)];
  const random = demo.random('domains');
  const ids: Array<{ id: string; owner: string }> = [];
  for (const [i, name] of DEMO_NAMES.entries()) {
    const owner = owners[i % owners.length]!;
    const [row] = (await demo.trx('domains_domains')
      .insert({ owner_id: owner.id, name: asciiName(name), notes: NOTES, tags: ['demo'], status: i === 5 ? 'for_sale' : 'active', created_at: daysBefore(demo.now, 8 - i), updated_at: daysBefore(demo.now, 8 - i) })
      .returning('id')) as Array<{ id: string }>;
    ids.push({ id: row!.id, owner: owner.id });
  }
  let votes = 0;
  let comparisons = 0;
  let feedback = 0;
  for (const player of demo.players.slice(0, 8)) {
    for (const domain of ids) {
      if (domain.owner === player.id || !random.chance(0.5)) continue;
      const direction = random.chance(0.8) ? 'up' : 'down';
      await demo.trx('domains_votes').insert({ domain_id: domain.id, user_id: player.id, direction, created_at: daysBefore(demo.now, 1) });
      await demo.trx('domains_domains').where({ id: domain.id }).increment(direction === 'up' ? 'votes_up' : 'votes_down', 1);
      votes++;
    }
    const theirs = ids.filter((d) => d.owner !== player.id);
    for (let k = 0; k < 3; k++) {
      const a = random.pick(theirs);
      const b = random.pick(theirs);
      if (a.id === b.id || (await demo.trx('domains_comparisons').where({ user_id: player.id, domain_low: a.id < b.id ? a.id : b.id, domain_high: a.id < b.id ? b.id : a.id }).first('id'))) continue;
      await compare(demo.trx, { userId: player.id, admin: false }, { domainA: a.id, domainB: b.id, winner: random.chance(0.5) ? 'a' : 'b' });
      comparisons++;
    }
    if (random.chance(0.5)) {
      const target = random.pick(theirs);
      await demo.trx('domains_feedback').insert({ domain_id: target.id, user_id: player.id, body: random.pick(FEEDBACK), created_at: daysBefore(demo.now, 1) });
      feedback++;
    }
  }
  return { domains: ids.length, votes, comparisons, feedback };
}
